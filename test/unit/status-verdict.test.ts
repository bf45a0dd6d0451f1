/**
 * The status command's judgement over fixed inputs: what each broker leads and follows, each group's lag,
 * and the verdict with its exit code (healthy 0, degraded 1 naming what is wrong, down 2).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { statusReport } from "../../ops/status/status-report";
import { downVerdict, partitionRanges, verdictOf } from "../../ops/status/verdict";
import { demoInputs, member, runningMember, stopBroker } from "./support/status-fixtures";

const judged = (inputs = demoInputs()) => verdictOf(statusReport(inputs));

describe("status report", () => {
  test("each broker: its member, host address, controller, partitions led and followed", () => {
    const report = statusReport(demoInputs());
    assert.deepEqual(
      report.brokers.map((b) => [b.id, b.member, b.state, b.address, b.controller, b.led, b.followed]),
      [
        [1, member("kafka-1"), "healthy", "localhost:9092", true, 3, 4],
        [2, member("kafka-2"), "healthy", "localhost:9093", false, 2, 5],
        [3, member("kafka-3"), "healthy", "localhost:9094", false, 2, 5],
      ],
    );
  });

  test("a group's lag per partition: end minus committed, unknown without a commit", () => {
    const [group] = statusReport(demoInputs()).groups;
    assert.deepEqual(
      group?.partitions.map((p) => [p.partition, p.committed, p.end, p.lag, p.member]),
      [
        [0, 40, 42, 2, "kafka-pulumi-consumer"],
        [1, 35, 35, 0, "kafka-pulumi-consumer"],
        [2, undefined, 7, undefined, "kafka-pulumi-consumer"],
      ],
    );
    assert.equal(group?.totalLag, 2);
    assert.equal(group?.members, 1);
  });

  test("a stopped broker has the address the outputs give it and leads nothing", () => {
    const report = statusReport(demoInputs((inputs) => stopBroker(inputs, 2)));
    const broker = report.brokers[1];
    assert.deepEqual([broker?.state, broker?.address, broker?.led], ["down", "localhost:9093", 0]);
    assert.deepEqual(
      report.topics.map((t) => [t.name, t.underReplicated, t.offline]),
      [
        ["__consumer_offsets", [0, 1, 2, 3], []],
        ["registred_user", [0, 1, 2], []],
      ],
    );
  });

  test("a running broker the cluster does not list yet is starting", () => {
    const report = statusReport(
      demoInputs((inputs) => (inputs.cluster.brokers = inputs.cluster.brokers.slice(1))),
    );
    assert.equal(report.brokers[0]?.state, "starting");
  });
});

describe("status verdict", () => {
  test("a healthy cluster: exit 0 and a summary", () => {
    const verdict = judged();
    assert.equal(verdict.exitCode, 0);
    assert.deepEqual(verdict.problems, []);
    assert.equal(
      verdict.line,
      "healthy: 3 brokers, 1 ZooKeeper, 7 partitions in sync, producer running, consumer running, my_favorite_group lag 2",
    );
  });

  test("one broker stopped: degraded, naming the broker and the under-replicated partitions", () => {
    const verdict = judged(demoInputs((inputs) => stopBroker(inputs, 2)));
    assert.equal(verdict.level, "degraded");
    assert.equal(verdict.exitCode, 1);
    assert.equal(
      verdict.line,
      `degraded: broker 2 (${member("kafka-2")}) is down; ` +
        "7 partitions under-replicated: __consumer_offsets 0-3, registred_user 0-2",
    );
  });

  test("a broker whose probe does not pass yet makes the cluster degraded as starting", () => {
    const verdict = judged(
      demoInputs((inputs) =>
        inputs.members.set(member("kafka-3"), runningMember(member("kafka-3"), "starting")),
      ),
    );
    assert.deepEqual(verdict.problems, [`broker 3 (${member("kafka-3")}) is starting`]);
  });

  test("a partition without a leader is offline", () => {
    const verdict = judged(
      demoInputs((inputs) => {
        const first = inputs.cluster.topics[1]?.partitions[0];
        if (first) first.leader = -1;
      }),
    );
    assert.deepEqual(verdict.problems, ["1 partition offline: registred_user 0"]);
  });

  test("a stopped consumer is named; a producer that completed its count is not", () => {
    const verdict = judged(
      demoInputs((inputs) => {
        const stopped = (suffix: string, run: "stopped" | "completed", exitCode: number) => ({
          ...runningMember(member(suffix), undefined),
          run,
          exitCode,
        });
        inputs.members.set(member("consumer"), stopped("consumer", "stopped", 143));
        inputs.members.set(member("producer"), stopped("producer", "completed", 0));
      }),
    );
    assert.deepEqual(verdict.problems, [`consumer (${member("consumer")}) is stopped`]);
  });

  test("ZooKeeper down and no controller are named; KRaft mode has no controller to check", () => {
    const zookeeperDown = judged(
      demoInputs((inputs) => {
        inputs.members.set(member("zookeeper-1"), {
          ...runningMember(member("zookeeper-1")),
          run: "restarting",
        });
        inputs.cluster.controller = undefined;
      }),
    );
    assert.deepEqual(zookeeperDown.problems, [
      `ZooKeeper ${member("zookeeper-1")} is down`,
      "no broker is the controller",
    ]);
    const kraft = judged(
      demoInputs((inputs) => {
        inputs.view.mode = "kraft";
        inputs.view.zookeeper = [];
        inputs.cluster.controller = 2;
      }),
    );
    assert.equal(kraft.exitCode, 0);
  });

  test("parts the admin API did not give make the cluster degraded", () => {
    const verdict = judged(
      demoInputs((inputs) => inputs.cluster.unreadable.push("consumer groups: timeout")),
    );
    assert.deepEqual(verdict.problems, ["not readable: consumer groups: timeout"]);
  });

  test("every broker down is down, exit 2; so is a stack that cannot be read", () => {
    const verdict = judged(demoInputs((inputs) => [1, 2, 3].forEach((id) => stopBroker(inputs, id))));
    assert.equal(verdict.line, "down: every broker of stack demo is down");
    assert.equal(verdict.exitCode, 2);
    assert.equal(downVerdict("stack demo does not exist").line, "down: stack demo does not exist");
    assert.equal(downVerdict("x").exitCode, 2);
  });

  test("partition numbers are named as ranges", () => {
    assert.equal(partitionRanges([5, 0, 1, 2, 9, 8]), "0-2,5,8-9");
    assert.equal(partitionRanges([3]), "3");
    assert.equal(partitionRanges([]), "");
  });
});
