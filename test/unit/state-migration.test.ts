/**
 * Which resources `npm run up` marks retained in a stack brought up by an earlier version of the program
 * (scripts/migrate-state.ts; the export and import around it were tried on a real stack), and when it runs
 * the migration at all (scripts/state-needs-migration.sh).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import { providerNetworks } from "../../scripts/migrate-state";

const CLUSTER = "urn:pulumi:dev::kafka-pulumi::kafka-pulumi:index:KafkaCluster";

test("marks the docker provider's network resource of the cluster, once", () => {
  const old = {
    urn: `${CLUSTER}$docker:index/network:Network::kafka-network`,
    type: "docker:index/network:Network",
  };
  const resources = [
    old,
    {
      urn: `${CLUSTER}$pulumi-nodejs:dynamic/kafka:StackNetwork::kafka-network`,
      type: "pulumi-nodejs:dynamic/kafka:StackNetwork",
    },
    {
      urn: "urn:pulumi:dev::kafka-pulumi::docker:index/network:Network::other",
      type: "docker:index/network:Network",
    },
  ];
  assert.deepEqual(providerNetworks({ deployment: { resources } }), [old]);
  assert.deepEqual(providerNetworks({ deployment: { resources: [{ ...old, retainOnDelete: true }] } }), []);
  assert.deepEqual(providerNetworks({}), [], "a stack that was never brought up");
});

test("runs the migration only when a local state may hold the old network, or cannot be read", () => {
  const home = mkdtempSync(path.join(tmpdir(), "kafka-pulumi-state-test-"));
  try {
    const stacks = path.join(home, ".pulumi", "stacks", "kafka-pulumi");
    mkdirSync(stacks, { recursive: true });
    const resource = (type: string) => JSON.stringify({ checkpoint: { latest: { resources: [{ type }] } } });
    writeFileSync(path.join(stacks, "old.json"), resource("docker:index/network:Network"));
    writeFileSync(path.join(stacks, "zipped.json.gz"), gzipSync(resource("docker:index/network:Network")));
    writeFileSync(path.join(stacks, "new.json"), resource("pulumi-nodejs:dynamic/kafka:StackNetwork"));
    const needs = (stack: string, backend: string) =>
      spawnSync("bash", [path.join(__dirname, "../../scripts/state-needs-migration.sh"), stack], {
        env: {
          ...process.env,
          HOME: home,
          PULUMI_HOME: path.join(home, ".pulumi"),
          PULUMI_BACKEND_URL: backend,
        },
      }).status === 0;
    assert.equal(needs("old", "file://~"), true, "the old resource type is in the state");
    assert.equal(needs("zipped", `file://${home}`), true, "a compressed state is read too");
    assert.equal(needs("new", "file://~"), false, "nothing to migrate: the migration is skipped");
    assert.equal(needs("unknown", "file://~"), true, "no state file: the migration decides");
    assert.equal(needs("new", "https://api.pulumi.com"), true, "another backend: the migration decides");
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
