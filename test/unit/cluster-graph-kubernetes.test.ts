/**
 * The resource graph on Kubernetes, against Pulumi mocks: the same broker environment as on Docker in one
 * StatefulSet per broker, each with a headless Service for its INTERNAL name, a node port for its EXTERNAL
 * listener and its own claim; brokers changed one at a time behind rolling turns; topics and apps after the
 * readiness gate; the apps pushed to the registry; and nothing of Docker's but the app image builds.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { brokerEnvironment } from "../../infra/kafka/environment";
import { brokerProbe } from "../../infra/kafka/healthchecks";
import { deploy, find, registrations, TOPIC, useClusterMocks } from "./support/cluster-mocks";

useClusterMocks();

const STATEFUL_SET = "kubernetes:apps/v1:StatefulSet";
const SERVICE = "kubernetes:core/v1:Service";
const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const POD_GATE = "pulumi-nodejs:dynamic/kafka:PodReadinessGate";
const POD_TURN = "pulumi-nodejs:dynamic/kafka:PodRollingTurn";
const KUBERNETES = {
  platform: "kubernetes",
  mode: "kraft",
  brokers: 3,
  imageRegistry: "localhost:5000",
  kafkaImage: "localhost:5000/kafka-airgap/kafka:3.9.1",
  hostPortBase: 19092,
  namespace: "kafka-test",
};

interface PodSpec {
  securityContext: Record<string, unknown>;
  containers: {
    image: string;
    env: { name: string; value: string }[];
    readinessProbe?: { exec: { command: string[] } };
    resources: { limits: { memory: string } };
  }[];
}

function statefulSet(name: string) {
  return find(STATEFUL_SET, name).inputs as {
    metadata: { name: string; namespace: string };
    spec: {
      persistentVolumeClaimRetentionPolicy: { whenDeleted: string };
      template: { spec: PodSpec };
      volumeClaimTemplates: {
        spec: { storageClassName?: string; resources: { requests: { storage: string } } };
      }[];
    };
  };
}

const envOf = (spec: PodSpec) =>
  Object.fromEntries((spec.containers[0]?.env ?? []).map(({ name, value }) => [name, value]));

describe("platform=kubernetes", () => {
  test("renders each broker's Docker environment into its own StatefulSet, probe and claim", async () => {
    const { outputs } = await deploy({ ...KUBERNETES, storageClass: "fast", brokerStorage: "5Gi" });
    assert.equal(registrations.filter((r) => r.type.startsWith("docker:index/container")).length, 0);
    for (const broker of [1, 2, 3]) {
      const set = statefulSet(`kafka-${broker}`);
      assert.equal(set.metadata.name, `kafka-${broker}`);
      assert.equal(set.metadata.namespace, "kafka-test");
      const pod = set.spec.template.spec;
      assert.equal(pod.containers[0]?.image, KUBERNETES.kafkaImage);
      const expected = brokerEnvironment(
        {
          layout: { mode: "kraft", brokers: 3, advertisedHost: "localhost", hostPortBase: 19092 },
          zookeeperNodes: 1,
          clusterId: "wdH0bzVYfox7jK-X8c_OvQ",
          replicationFactor: 3,
          minInsyncReplicas: 2,
          defaultPartitions: 1,
          autoCreateTopics: true,
          heap: "512m",
        },
        broker,
      );
      // Plus a short JVM cache of names: a pod's address changes at every restart.
      assert.deepEqual(envOf(pod), { ...expected, KAFKA_OPTS: "-Dsun.net.inetaddr.ttl=1" });
      assert.deepEqual(pod.containers[0]?.readinessProbe?.exec.command, brokerProbe());
      assert.equal(pod.securityContext["runAsNonRoot"], true);
      assert.equal(pod.containers[0]?.resources.limits.memory, String(1024 ** 3));
      assert.equal(set.spec.volumeClaimTemplates[0]?.spec.storageClassName, "fast");
      assert.equal(set.spec.volumeClaimTemplates[0]?.spec.resources.requests.storage, "5Gi");
      assert.equal(set.spec.persistentVolumeClaimRetentionPolicy.whenDeleted, "Delete");
      const external = find(SERVICE, `kafka-${broker}-external`).inputs as {
        spec: { type: string; ports: { nodePort: number }[] };
      };
      assert.equal(external.spec.type, "NodePort");
      assert.equal(external.spec.ports[0]?.nodePort, 19091 + broker);
      const internal = find(SERVICE, `kafka-${broker}-internal`).inputs as {
        metadata: { name: string };
        spec: { clusterIP: string; publishNotReadyAddresses: boolean };
      };
      assert.deepEqual(
        [internal.metadata.name, internal.spec.clusterIP, internal.spec.publishNotReadyAddresses],
        [`kafka-${broker}`, "None", true],
      );
    }
    assert.equal(outputs.bootstrapServers, "localhost:19092,localhost:19093,localhost:19094");
    assert.equal(outputs.internalBootstrapServers, "kafka-1:29092,kafka-2:29092,kafka-3:29092");
    const extra = outputs as unknown as Record<string, unknown>;
    assert.equal(extra["platform"], "kubernetes");
    assert.equal(extra["namespace"], "kafka-test");
    assert.deepEqual(extra["brokerPods"], ["kafka-1-0", "kafka-2-0", "kafka-3-0"]);
    assert.equal(extra["consumerWorkload"], "deployment/consumer");
  });

  test("changes brokers one at a time and starts topics and apps once every broker is ready", async () => {
    await deploy(KUBERNETES);
    assert.ok(find(STATEFUL_SET, "kafka-2").dependencies.includes("kafka-1-rolled"));
    assert.ok(find(STATEFUL_SET, "kafka-3").dependencies.includes("kafka-2-rolled"));
    assert.ok(!find(STATEFUL_SET, "kafka-1").dependencies.some((d) => d.endsWith("-rolled")));
    const turn = find(POD_TURN, "kafka-1-rolled").inputs as { revisions: Record<string, string> };
    assert.deepEqual(Object.keys(turn.revisions), ["kafka-1-0"]);
    const gate = find(POD_GATE, "kafka-ready");
    assert.deepEqual(Object.keys((gate.inputs as { revisions: object }).revisions), [
      "kafka-1-0",
      "kafka-2-0",
      "kafka-3-0",
    ]);
    // The settings and topics go through the node ports: the gate waits for every broker's Services too.
    for (const broker of ["kafka-1", "kafka-2", "kafka-3"])
      for (const service of [`${broker}-internal`, `${broker}-external`])
        assert.ok(gate.dependencies.includes(service), `kafka-ready waits for ${service}`);
    assert.ok(find(TOPIC, "kafka-topic-registred_user").dependencies.includes("kafka-ready"));
    const consumer = find(DEPLOYMENT, "apps-consumer");
    assert.ok(consumer.dependencies.includes("kafka-topic-registred_user"));
    const image = find("docker:index/image:Image", "apps-consumer-image").inputs as {
      imageName: string;
      skipPush: boolean;
    };
    assert.deepEqual([image.imageName, image.skipPush], ["localhost:5000/kafka-pulumi/consumer:test", false]);
    const pod = (consumer.inputs as { spec: { template: { spec: PodSpec } } }).spec.template.spec;
    assert.equal(envOf(pod)["KAFKA_BROKERS"], "kafka-1:29092,kafka-2:29092,kafka-3:29092");
  });

  test("without retainData the namespace takes everything with it; with it, the claims and namespace stay", async () => {
    await deploy(KUBERNETES);
    assert.equal(find(STATEFUL_SET, "kafka-1").deletedWith, "kafka-namespace");
    assert.notEqual(find("kubernetes:core/v1:Namespace", "kafka-namespace").retainOnDelete, true);
    registrations.length = 0;
    await deploy({ ...KUBERNETES, retainData: true });
    assert.equal(find("kubernetes:core/v1:Namespace", "kafka-namespace").retainOnDelete, true);
    assert.equal(find(STATEFUL_SET, "kafka-1").deletedWith, "");
    assert.equal(statefulSet("kafka-1").spec.persistentVolumeClaimRetentionPolicy.whenDeleted, "Retain");
  });

  test("a producer with a count runs as a Job that only a failure runs again", async () => {
    await deploy({ ...KUBERNETES, producerCount: 100 });
    const job = find("kubernetes:batch/v1:Job", "apps-producer").inputs as {
      spec: { template: { spec: { restartPolicy: string } } };
    };
    assert.equal(job.spec.template.spec.restartPolicy, "OnFailure");
  });
});
