/**
 * The resource graph in KRaft mode, against Pulumi mocks: combined broker+controller nodes, a
 * controller quorum of every broker, and no ZooKeeper at all.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  container,
  containersNamed,
  deploy,
  env,
  find,
  GATE,
  registrations,
  TOPIC,
  useClusterMocks,
} from "./support/cluster-mocks";

useClusterMocks();

describe("KRaft mode", () => {
  for (const brokers of [1, 3]) {
    test(`runs ${brokers} combined broker+controller node(s) and no ZooKeeper`, async () => {
      const { outputs } = await deploy({ mode: "kraft", brokers });
      assert.deepEqual(containersNamed("kafka-zookeeper-"), []);
      assert.equal(registrations.filter((r) => r.name === "zookeeper-image").length, 0);
      assert.deepEqual(outputs.zookeeperContainers, []);
      assert.equal(outputs.zookeeperConnect, undefined);
      assert.deepEqual(
        find(GATE, "kafka-ready").inputs["containerIds"],
        containersNamed("kafka-").map((n) => `${n}-id`),
      );
      const voters = [1, 2, 3]
        .slice(0, brokers)
        .map((n) => `${n}@kafka-${n}:29093`)
        .join(",");
      for (let broker = 1; broker <= brokers; broker++) {
        const environment = env(`kafka-${broker}`);
        assert.equal(environment["KAFKA_PROCESS_ROLES"], "broker,controller");
        assert.equal(environment["KAFKA_NODE_ID"], String(broker));
        assert.equal(environment["KAFKA_CONTROLLER_QUORUM_VOTERS"], voters);
        assert.equal(environment["KAFKA_CONTROLLER_LISTENER_NAMES"], "CONTROLLER");
        assert.equal(environment["CLUSTER_ID"], "wdH0bzVYfox7jK-X8c_OvQ");
        assert.equal(environment["KAFKA_ZOOKEEPER_CONNECT"], undefined);
        assert.equal(environment["KAFKA_BROKER_ID"], undefined);
        // No wait on the container: a KRaft broker serves only once a quorum of controllers runs.
        assert.equal(container(`kafka-${broker}`).wait, undefined);
        assert.ok(find(TOPIC, "kafka-topic-registred_user").dependencies.includes(`kafka-${broker}`));
      }
    });
  }
});
