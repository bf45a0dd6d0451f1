/**
 * How the status is printed over fixed inputs: the text puts the verdict first and a table per part, a
 * stack that cannot be read is one line, and the JSON carries the verdict and the whole report.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { renderJson, type StatusDocument } from "../../ops/status/json-renderer";
import { statusReport } from "../../ops/status/status-report";
import { describeEvent, renderText, table } from "../../ops/status/text-renderer";
import { downVerdict, verdictOf } from "../../ops/status/verdict";
import { consumerEvent, demoInputs, member, stopBroker } from "./support/status-fixtures";

function rendered(inputs = demoInputs()) {
  const report = statusReport(inputs);
  return { report, verdict: verdictOf(report), text: renderText(verdictOf(report), report) };
}

describe("text renderer", () => {
  test("the verdict is the first line, then the stack and the brokers' table", () => {
    const lines = rendered().text.split("\n");
    assert.match(lines[0] ?? "", /^healthy: 3 brokers/);
    assert.equal(lines[1], "stack demo (docker, ZooKeeper mode), read at 2025-01-01T12:00:06.000Z");
    assert.equal(
      lines[3],
      "BROKER  MEMBER                     STATE    ADDRESS         CONTROLLER  LED  FOLLOWED  RESTARTS",
    );
    assert.equal(
      lines[4],
      `1       ${member("kafka-1")}  healthy  localhost:9092  yes         3    4         0`,
    );
  });

  test("a degraded cluster shows the stopped broker and the under-replicated partitions", () => {
    const { text } = rendered(demoInputs((inputs) => stopBroker(inputs, 2)));
    assert.match(
      text,
      /^degraded: broker 2 \(kafka-pulumi-demo-kafka-2\) is down; 7 partitions under-replicated/,
    );
    assert.match(text, /\n2 +kafka-pulumi-demo-kafka-2 +down +localhost:9093 +no +0 +7 +0\n/);
    assert.match(text, /\nregistred_user +3 +3 +2 +3 \(0-2\) +0\n/);
  });

  test("each group: its state, members and total lag, then one row per partition ('-' where unknown)", () => {
    const { text } = rendered();
    assert.match(text, /\nGROUP my_favorite_group: Stable, 1 member, total lag 2\n/);
    assert.match(text, /\n {2}registred_user +0 +40 +42 +2 +kafka-pulumi-consumer\n/);
    assert.match(text, /\n {2}registred_user +2 +- +7 +- +kafka-pulumi-consumer\n/);
  });

  test("each app: running or not, restarts, and the last event it logged", () => {
    const { text } = rendered();
    assert.match(text, /\nproducer +kafka-pulumi-demo-producer +running +0 +-\n/);
    assert.match(
      text,
      /\nconsumer +kafka-pulumi-demo-consumer +running +0 +12:00:05 received key=user-7 partition=0 offset=39 seq=7$/,
    );
  });

  test("KRaft mode leaves the controller column empty and has no ZooKeeper table", () => {
    const { text } = rendered(
      demoInputs((inputs) => {
        inputs.view.mode = "kraft";
        inputs.view.zookeeper = [];
      }),
    );
    assert.match(text, /\n1 +kafka-pulumi-demo-kafka-1 +healthy +localhost:9092 +- +3/);
    assert.doesNotMatch(text, /ZOOKEEPER/);
  });

  test("a stack that cannot be read is its verdict alone, on one line", () => {
    const text = renderText(downVerdict("stack demo is not up: it has no outputs"), undefined);
    assert.equal(text, "down: stack demo is not up: it has no outputs");
  });

  test("tables align columns and print '-' for unknown cells; events show time, message and fields", () => {
    assert.equal(
      table([
        ["A", "BB"],
        ["ccc", undefined],
      ]),
      "A    BB\nccc  -",
    );
    assert.equal(
      describeEvent({ ...consumerEvent, fields: { level: "info", err: "x".repeat(50) } }),
      `12:00:05 received err=${"x".repeat(40)}`,
    );
    assert.equal(describeEvent(undefined), undefined);
  });
});

describe("JSON renderer", () => {
  test("one object with the verdict and the whole report", () => {
    const { report, verdict } = rendered(demoInputs((inputs) => stopBroker(inputs, 3)));
    const document = JSON.parse(renderJson("demo", verdict, report)) as StatusDocument;
    assert.equal(document.verdict.level, "degraded");
    assert.equal(document.verdict.exitCode, 1);
    assert.deepEqual(document.report?.topics[1]?.underReplicated, [0, 1, 2]);
    assert.equal(document.report?.brokers[2]?.state, "down");
    assert.equal(document.report?.groups[0]?.totalLag, 2);
    assert.equal(document.report?.apps[1]?.lastEvent?.msg, "received");
  });

  test("a stack that cannot be read: the verdict and no report, on one line", () => {
    const json = renderJson("gone", downVerdict("stack gone does not exist"), undefined);
    assert.doesNotMatch(json, /\n/);
    assert.deepEqual(JSON.parse(json), {
      stack: "gone",
      verdict: {
        level: "down",
        problems: ["stack gone does not exist"],
        line: "down: stack gone does not exist",
        exitCode: 2,
      },
    });
  });
});
