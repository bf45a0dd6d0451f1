/**
 * The project's own program under the real Pulumi CLI: bad stack config stops `preview` and `up` with the
 * validation message (key, value, what is allowed), before any resource exists.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";
import { projectStack, pulumiUnavailableReason } from "./pulumi-engine.js";

const unavailable = pulumiUnavailableReason();
// Under CI a missing CLI fails the test; elsewhere it is reported as a skip.
const skip = unavailable !== undefined && process.env.CI !== "true" ? unavailable : false;

const CASES = [
  {
    name: "replication above the broker count",
    config: { brokers: "1", replicationFactor: "3" },
    message:
      /replicationFactor="3" is invalid: expected a whole number from 0 to 1 .*at most the number of brokers/,
  },
  {
    name: "a ZooKeeper port inside the brokers' port range",
    config: { brokers: "3", zookeeperHostPort: "9093" },
    message: /zookeeperHostPort=9093 is invalid: expected ports outside 9092-9094/,
  },
];

function stackContainers(stackName: string): string {
  return execFileSync("docker", ["ps", "-a", "-q", "--filter", `label=pulumi.stack=${stackName}`], {
    encoding: "utf8",
  }).trim();
}

for (const { name, config, message } of CASES) {
  test(`bad config (${name}) stops preview and up before anything is created`, { skip }, async () => {
    if (unavailable) assert.fail(`the engine tests need the Pulumi CLI: ${unavailable}`);
    const stackName = `validation-${Date.now().toString(36)}`;
    const { stack, remove } = await projectStack(stackName);
    try {
      await stack.setAllConfig(
        Object.fromEntries(Object.entries(config).map(([key, value]) => [`kafka-pulumi:${key}`, { value }])),
      );
      await assert.rejects(stack.preview(), message);
      await assert.rejects(stack.up(), message);
      const deployment = await stack.exportStack();
      const created = (deployment.deployment.resources ?? []).filter(
        (resource: { type: string }) => resource.type !== "pulumi:pulumi:Stack",
      );
      assert.deepEqual(created, []);
      assert.equal(stackContainers(stackName), "", "no container carries the stack's label");
    } finally {
      await remove();
    }
  });
}
