/**
 * The platform keys: docker by default, kubernetes with its namespace, registry and storage, the checks
 * that only apply there (KRaft only, a registry for the apps), and keys of the other platform noted as unused.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { validateConfig } from "../../infra/config";
import { assertRejected } from "./support/config-problems";

const KUBERNETES = { platform: "kubernetes", mode: "kraft", imageRegistry: "localhost:5000" };

describe("platform", () => {
  test("is docker by default, with no Kubernetes settings", () => {
    const { platform } = validateConfig({});
    assert.deepEqual(platform, { platform: "docker", kubernetes: undefined });
  });

  test("kubernetes reads the namespace, registry, storage class and claim size", () => {
    const { platform } = validateConfig({
      ...KUBERNETES,
      namespace: "kafka-dev",
      storageClass: "fast-ssd",
      brokerStorage: "20Gi",
    });
    assert.deepEqual(platform, {
      platform: "kubernetes",
      kubernetes: {
        namespace: "kafka-dev",
        imageRegistry: "localhost:5000",
        storageClass: "fast-ssd",
        brokerStorage: "20Gi",
      },
    });
  });

  test('kubernetes uses the cluster\'s default storage class for storageClass ""', () => {
    assert.equal(validateConfig(KUBERNETES).platform.kubernetes?.storageClass, undefined);
  });

  test("an unknown platform is named with the allowed ones", () => {
    assertRejected({ platform: "nomad" }, "platform", "nomad", "one of docker, kubernetes");
  });

  test("kubernetes refuses ZooKeeper mode, naming the key", () => {
    assertRejected(
      { ...KUBERNETES, mode: "zookeeper" },
      "mode",
      "zookeeper",
      "kraft with platform=kubernetes",
    );
  });

  test("kubernetes needs a registry for the app images, unless the apps are off", () => {
    assertRejected(
      { ...KUBERNETES, imageRegistry: "" },
      "imageRegistry",
      "",
      "with platform=kubernetes and apps=true",
    );
    assert.doesNotThrow(() => validateConfig({ ...KUBERNETES, imageRegistry: "", apps: false }));
  });

  test("bad namespace, registry, storage class and size name their key", () => {
    assertRejected({ ...KUBERNETES, namespace: "Kafka_Dev" }, "namespace", "Kafka_Dev", "a DNS label");
    assertRejected({ ...KUBERNETES, imageRegistry: "http://r" }, "imageRegistry", "http://r", "host[:port]");
    assertRejected({ ...KUBERNETES, storageClass: "SSD" }, "storageClass", "SSD", "storage class name");
    assertRejected({ ...KUBERNETES, brokerStorage: "1g" }, "brokerStorage", "1g", "Mi, Gi or Ti");
  });

  test("keys of the other platform are noted as unused, not refused", () => {
    const docker = validateConfig({ namespace: "kafka-dev", imageRegistry: "localhost:5000" });
    assert.deepEqual(docker.unused, [
      'namespace="kafka-dev" is unused with platform=docker: it applies to platform=kubernetes only',
      'imageRegistry="localhost:5000" is unused with platform=docker: it applies to platform=kubernetes only',
    ]);
    const kubernetes = validateConfig({ ...KUBERNETES, hostBindAddress: "0.0.0.0" });
    assert.deepEqual(kubernetes.unused, [
      'hostBindAddress="0.0.0.0" is unused with platform=kubernetes: it applies to platform=docker only',
    ]);
  });
});
