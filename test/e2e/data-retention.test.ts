/**
 * Data through `pulumi destroy`: with retainData the volumes stay and the next `pulumi up` serves the
 * earlier records again; without it, destroy leaves nothing on the engine that carries the stack's label.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { E2eStack, e2eSkip, stage } from "./support/e2e-stack.js";
import { assertInOrderPerKey, keyedRecords, produce, readAll } from "./support/host-kafka.js";
import { removeStackObjects, stackObjects } from "./support/stack-containers.js";

const skip = e2eSkip();
const TOPIC = "e2e-retained";

describe("data volumes through pulumi destroy", { skip, timeout: 20 * 60_000 }, () => {
  let e2e: E2eStack;

  before(async () => {
    e2e = await E2eStack.create("data", {
      kafkaImage: "kafka-airgap/kafka:3.9.1",
      zookeeperImage: "kafka-airgap/zookeeper:3.9.1",
      apps: "false",
      retainData: "true",
      topics: JSON.stringify([{ name: TOPIC, partitions: 2 }]),
    });
  });

  after(async () => {
    if (e2e === undefined) return;
    await e2e.remove();
    await removeStackObjects(e2e.name);
  });

  test("f. with retainData, destroy keeps the volumes and the next up serves the earlier records", async () => {
    await stage("up (retainData true)", () => e2e.up());
    const bootstrap = await e2e.output<string>("bootstrapServers");
    const sent = keyedRecords(200, 4, "kept");
    await produce(bootstrap, TOPIC, sent);

    await stage("destroy (retainData true)", () => e2e.destroy());
    const kept = await stackObjects(e2e.name);
    assert.deepEqual(kept.containers, [], "no container is left");
    assert.equal(
      kept.volumes.length,
      3,
      "the ZooKeeper data and log volumes and the broker's volume are kept",
    );

    await stage("up on the kept volumes", () => e2e.up());
    assertInOrderPerKey(sent, await readAll(bootstrap, TOPIC, sent.length));
  });

  test("f. without retainData, destroy leaves nothing labelled with the stack", async () => {
    await e2e.configure({ retainData: "false" });
    // The setting reaches the state (which destroy follows) only through an up.
    await stage("up (retainData false)", () => e2e.up());
    await stage("destroy (retainData false)", () => e2e.destroy());
    assert.deepEqual(await stackObjects(e2e.name), { containers: [], volumes: [], networks: [] });
  });
});
