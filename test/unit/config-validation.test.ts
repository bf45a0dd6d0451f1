/**
 * The stack configuration rules, part one: defaults (including the derived replication settings),
 * cluster size and mode, and how loadConfig reports problems to the Pulumi CLI. Each invalid setting
 * is reported with its key, the value seen and what is allowed, all problems at once.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, loadConfig, validateConfig } from "../../infra/config";
import { assertRejected, problemsOf } from "./support/config-problems";

describe("defaults", () => {
  test("an empty config is the compose file's shape: one ZooKeeper, one broker, replication 1", () => {
    const { cluster, apps } = validateConfig({});
    assert.equal(cluster.mode, "zookeeper");
    assert.equal(cluster.brokers, 1);
    assert.equal(cluster.zookeeperNodes, 1);
    assert.equal(cluster.replicationFactor, 1);
    assert.equal(cluster.minInsyncReplicas, 1);
    assert.equal(cluster.autoCreateTopics, true);
    assert.equal(cluster.hostBindAddress, "127.0.0.1");
    assert.equal(cluster.hostPortBase, 9092);
    assert.equal(cluster.zookeeperHostPort, undefined);
    assert.deepEqual(cluster.topics, [
      {
        name: "registred_user",
        partitions: 1,
        partitionsExplicit: false,
        replicationFactor: 1,
        replicationFactorExplicit: false,
        configs: {},
      },
    ]);
    assert.equal(apps?.topic, "registred_user");
    assert.equal(apps?.intervalMs, 3000);
    assert.equal(apps?.groupId, "my_favorite_group");
  });

  test("replication defaults to min(3, brokers) and min ISR to one less (at least 1)", () => {
    const sizes = [1, 2, 3, 5].map((brokers) => validateConfig({ brokers }).cluster);
    // 0 is the default Pulumi.yaml supplies, as a number or as the CLI's string.
    const zeros = [1, 2, 3, 5].map(
      (brokers) => validateConfig({ brokers, replicationFactor: 0, minInsyncReplicas: "0" }).cluster,
    );
    assert.deepEqual(zeros, sizes);
    assert.deepEqual(
      sizes.map((c) => [c.brokers, c.replicationFactor, c.minInsyncReplicas]),
      [
        [1, 1, 1],
        [2, 2, 1],
        [3, 3, 2],
        [5, 3, 2],
      ],
    );
  });

  test("accepts the strings that Pulumi passes for numbers, booleans and lists", () => {
    const { cluster, apps } = validateConfig({
      brokers: "3",
      retainData: "true",
      apps: "false",
      topics: '[{"name":"orders","partitions":6,"configs":{"retention.ms":"60000"}}]',
    });
    assert.equal(cluster.brokers, 3);
    assert.equal(cluster.retainData, true);
    assert.equal(apps, undefined);
    assert.deepEqual(cluster.topics, [
      {
        name: "orders",
        partitions: 6,
        partitionsExplicit: true,
        replicationFactor: 3,
        replicationFactorExplicit: false,
        configs: { "retention.ms": "60000" },
      },
    ]);
  });

  test("reports every problem at once", () => {
    const problems = problemsOf({
      brokers: 0,
      mode: "raft",
      hostBindAddress: "everywhere",
      logLevel: "loud",
    });
    assert.equal(problems.length, 4, problems.join("\n"));
  });
});

describe("cluster size", () => {
  test("brokers must be a whole number from 1 to 9", () => {
    assertRejected({ brokers: 10 }, "brokers", 10, "a whole number from 1 to 9");
    assertRejected({ brokers: 0 }, "brokers", 0, "a whole number from 1 to 9");
    assertRejected({ brokers: "two" }, "brokers", "two", "a whole number from 1 to 9");
    assertRejected({ brokers: 2.5 }, "brokers", 2.5, "a whole number from 1 to 9");
  });

  test("zookeeperNodes must be 1, 3 or 5", () => {
    assertRejected({ zookeeperNodes: 2 }, "zookeeperNodes", 2, "one of 1, 3, 5");
  });

  test("explicit replication settings override the derived ones", () => {
    const cluster = validateConfig({ brokers: 5, replicationFactor: 5, minInsyncReplicas: 1 }).cluster;
    assert.deepEqual([cluster.replicationFactor, cluster.minInsyncReplicas], [5, 1]);
    const derivedIsr = validateConfig({ brokers: 5, replicationFactor: 4 }).cluster;
    assert.equal(derivedIsr.minInsyncReplicas, 3, "derived from the explicit replication factor");
  });

  test("replicationFactor is 0 (derived) or at most the number of brokers", () => {
    const rule = "a whole number from 0 to 2 (0 = derived: min(3, brokers); at most the number of brokers)";
    assertRejected({ brokers: 2, replicationFactor: 3 }, "replicationFactor", 3, rule);
    assertRejected({ brokers: 2, replicationFactor: -1 }, "replicationFactor", -1, rule);
    assertRejected({ brokers: 2, replicationFactor: "-1" }, "replicationFactor", "-1", rule);
    assertRejected({ brokers: 2, replicationFactor: 1.5 }, "replicationFactor", 1.5, rule);
    assertRejected({ brokers: 2, replicationFactor: "two" }, "replicationFactor", "two", rule);
  });

  test("minInsyncReplicas is 0 (derived) or at most the replication factor", () => {
    const rule =
      "from 0 to 2 (0 = derived: replicationFactor - 1, at least 1; at most the replication factor)";
    assertRejected({ brokers: 3, replicationFactor: 2, minInsyncReplicas: 3 }, "minInsyncReplicas", 3, rule);
    assertRejected(
      { brokers: 3, replicationFactor: 2, minInsyncReplicas: -2 },
      "minInsyncReplicas",
      -2,
      rule,
    );
    assertRejected(
      { brokers: 3, replicationFactor: 2, minInsyncReplicas: 0.5 },
      "minInsyncReplicas",
      0.5,
      rule,
    );
    // Bounded by the derived replication factor, too: min(3, 2 brokers) = 2.
    assertRejected({ brokers: 2, minInsyncReplicas: 3 }, "minInsyncReplicas", 3, rule);
  });

  test("defaultPartitions must be at least 1", () => {
    assertRejected({ defaultPartitions: 0 }, "defaultPartitions", 0, "a whole number from 1 to");
  });

  test("autoCreateTopics and retainData must be booleans", () => {
    assertRejected({ autoCreateTopics: "yes" }, "autoCreateTopics", "yes", "true or false");
    assertRejected({ retainData: 1 }, "retainData", 1, "true or false");
  });
});

describe("mode", () => {
  test("mode must be zookeeper or kraft", () => {
    assertRejected({ mode: "raft" }, "mode", "raft", "one of zookeeper, kraft");
  });

  test("kraft accepts set ZooKeeper settings and reports each as unused, so switching modes is one change", () => {
    const settings = validateConfig({
      mode: "kraft",
      zookeeperNodes: 3,
      zookeeperHostPort: 2181,
      zookeeperImage: "kafka-airgap/zookeeper:3.9.1",
    });
    assert.equal(settings.cluster.mode, "kraft");
    assert.deepEqual(settings.unused, [
      "zookeeperNodes=3 is unused with mode=kraft: it applies to mode=zookeeper only",
      "zookeeperHostPort=2181 is unused with mode=kraft: it applies to mode=zookeeper only",
      'zookeeperImage="kafka-airgap/zookeeper:3.9.1" is unused with mode=kraft: it applies to mode=zookeeper only',
    ]);
  });

  test("kraft accepts ZooKeeper settings left at their defaults (as Pulumi.yaml supplies them)", () => {
    const { cluster, unused } = validateConfig({
      mode: "kraft",
      zookeeperNodes: "1",
      zookeeperHostPort: "0",
    });
    assert.equal(cluster.mode, "kraft");
    assert.deepEqual(unused, []);
  });

  test("clusterId must be a 22-character base64url UUID, not the zero UUID", () => {
    assertRejected(
      { mode: "kraft", clusterId: "not-a-uuid" },
      "clusterId",
      "not-a-uuid",
      "base64url-encoded UUID of 22 characters",
    );
    assertRejected(
      { mode: "kraft", clusterId: "MkU3OEVBNTcwNTJENDM2Q+" },
      "clusterId",
      "MkU3OEVBNTcwNTJENDM2Q+",
      "22 characters",
    );
    assertRejected(
      { mode: "kraft", clusterId: "AAAAAAAAAAAAAAAAAAAAAA" },
      "clusterId",
      "AAAAAAAAAAAAAAAAAAAAAA",
      "zero UUID",
    );
    const clusterId = "MkU3OEVBNTcwNTJENDM2Qg";
    assert.equal(validateConfig({ mode: "kraft", clusterId }).cluster.clusterId, clusterId);
  });

  test("zookeeper mode reports a clusterId other than the default as unused and keeps the default", () => {
    const settings = validateConfig({ clusterId: "MkU3OEVBNTcwNTJENDM2Qg" });
    assert.equal(settings.cluster.clusterId, "wdH0bzVYfox7jK-X8c_OvQ");
    assert.deepEqual(settings.unused, [
      'clusterId="MkU3OEVBNTcwNTJENDM2Qg" is unused with mode=zookeeper: it applies to mode=kraft only',
    ]);
    // Pulumi.yaml supplies the default to every stack.
    assert.deepEqual(validateConfig({ mode: "zookeeper", clusterId: "wdH0bzVYfox7jK-X8c_OvQ" }).unused, []);
  });
});

describe("loadConfig (the program's entry)", () => {
  const project = "kafka-pulumi";

  test("reads only the project's namespace", () => {
    const settings = loadConfig(project, {
      [`${project}:brokers`]: "3",
      "docker:host": "unix:///var/run/docker.sock",
    });
    assert.equal(settings.cluster.brokers, 3);
    assert.equal(settings.cluster.replicationFactor, 3);
  });

  test("throws a RunError (printed without a stack) listing every problem", () => {
    const raw = { [`${project}:brokers`]: "1", [`${project}:replicationFactor`]: "3" };
    assert.throws(
      () => loadConfig(project, { ...raw, [`${project}:hostPortBase`]: "70000" }),
      (error: unknown) => {
        assert.ok(pulumi.RunError.isInstance(error), `a RunError, got ${String(error)}`);
        assert.ok(!(error instanceof ConfigError));
        assert.equal(
          (error as Error).message,
          "invalid stack configuration:\n" +
            '  - replicationFactor="3" is invalid: expected a whole number from 0 to 1 ' +
            "(0 = derived: min(3, brokers); at most the number of brokers)\n" +
            '  - hostPortBase="70000" is invalid: expected a whole number from 1024 to 65535',
        );
        return true;
      },
    );
  });
});
