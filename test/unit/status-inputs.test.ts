/**
 * What the status reads before it judges: the stack outputs (checked, with one line for a stack that is
 * not up), Docker's view of a container as a member state, and an app's last structured log line.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { memberStateOf, type InspectedContainer } from "../../ops/status/docker-member-states";
import { lastLoggedEvent } from "../../ops/status/member-states";
import { parseStackOutputs, StackUnavailable } from "../../ops/status/stack-outputs";

function inspected(
  state: Partial<InspectedContainer["State"]>,
  policy = "unless-stopped",
): InspectedContainer {
  return {
    Name: "/kafka-pulumi-demo-kafka-1",
    RestartCount: 2,
    State: { Status: "running", ExitCode: 0, StartedAt: "2025-01-01T12:00:00.5Z", ...state },
    HostConfig: { RestartPolicy: { Name: policy } },
  };
}

describe("stack outputs", () => {
  test("a Docker stack's outputs: the members by role, Docker unless the outputs say otherwise", () => {
    const view = parseStackOutputs(
      "demo",
      JSON.stringify({
        bootstrapServers: "localhost:9092",
        zookeeperConnect: "zookeeper-1:2181",
        brokerContainers: ["kafka-pulumi-demo-kafka-1"],
        zookeeperContainers: ["kafka-pulumi-demo-zookeeper-1"],
        consumerContainer: "kafka-pulumi-demo-consumer",
        networkName: "kafka-pulumi-demo-network",
      }),
    );
    assert.deepEqual(view, {
      platform: "docker",
      namespace: undefined,
      bootstrapServers: "localhost:9092",
      mode: "zookeeper",
      brokers: ["kafka-pulumi-demo-kafka-1"],
      zookeeper: ["kafka-pulumi-demo-zookeeper-1"],
      producer: undefined,
      consumer: "kafka-pulumi-demo-consumer",
    });
  });

  test("a Kubernetes stack's outputs: its namespace, pods and workloads, in KRaft mode", () => {
    const view = parseStackOutputs(
      "kube",
      JSON.stringify({
        platform: "kubernetes",
        namespace: "kafka-pulumi-kube",
        bootstrapServers: "localhost:19092",
        brokerPods: ["kafka-1-0"],
        producerWorkload: "producer",
        consumerWorkload: "consumer",
      }),
    );
    assert.deepEqual(
      [view.platform, view.namespace, view.mode, view.brokers, view.zookeeper, view.producer],
      ["kubernetes", "kafka-pulumi-kube", "kraft", ["kafka-1-0"], [], "producer"],
    );
  });

  test("a stack without outputs is not up: one line that says how to bring it up", () => {
    assert.throws(
      () => parseStackOutputs("gone", "{}"),
      (error: Error) =>
        error instanceof StackUnavailable &&
        error.message ===
          "stack gone is not up: it has no outputs (destroyed, or never brought up); 'npm run up -- gone' brings it up",
    );
  });

  test("outputs of another program are refused, naming the key", () => {
    assert.throws(
      () => parseStackOutputs("other", '{"url":"x"}'),
      /stack other's outputs are not those of this program: bootstrapServers/,
    );
  });
});

describe("Docker member states", () => {
  test("a running container with its probe's health and restart count", () => {
    assert.deepEqual(memberStateOf(inspected({ Health: { Status: "starting" } })), {
      name: "kafka-pulumi-demo-kafka-1",
      run: "running",
      health: "starting",
      restarts: 2,
      startedAt: "2025-01-01T12:00:00.5Z",
      exitCode: undefined,
    });
  });

  test("exited: stopped, unless it exited 0 under a policy that does not restart it (completed)", () => {
    assert.equal(memberStateOf(inspected({ Status: "exited", ExitCode: 143 })).run, "stopped");
    assert.equal(memberStateOf(inspected({ Status: "exited", ExitCode: 0 })).run, "stopped");
    assert.equal(memberStateOf(inspected({ Status: "exited", ExitCode: 0 }, "on-failure")).run, "completed");
    assert.equal(memberStateOf(inspected({ Status: "exited", ExitCode: 1 }, "on-failure")).exitCode, 1);
    assert.equal(memberStateOf(inspected({ Status: "restarting", ExitCode: 1 })).run, "restarting");
  });

  test("a container that never started has no start time and no health", () => {
    const state = memberStateOf(
      inspected({ Status: "created", StartedAt: "0001-01-01T00:00:00Z", Health: { Status: "starting" } }),
    );
    assert.deepEqual([state.run, state.startedAt, state.health], ["stopped", undefined, undefined]);
  });
});

describe("an app's last event", () => {
  test("the last JSON line with a msg, its time apart from the other fields", () => {
    const log = [
      '{"level":"info","time":"2025-01-01T12:00:01Z","msg":"connected"}',
      '{"level":"info","time":"2025-01-01T12:00:02Z","msg":"received","offset":3}',
      "KafkaJSConnectionError: plain text",
      '{"no":"msg"}',
      "",
    ].join("\n");
    assert.deepEqual(lastLoggedEvent(log), {
      time: "2025-01-01T12:00:02Z",
      msg: "received",
      fields: { level: "info", offset: 3 },
    });
    assert.equal(lastLoggedEvent("plain\n{broken"), undefined);
  });
});
