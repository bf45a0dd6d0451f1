/**
 * Which resources `npm run up` marks retained in a stack brought up by an earlier version of the program
 * (scripts/migrate-state.ts); the export and import around it were tried on a real stack.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
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
