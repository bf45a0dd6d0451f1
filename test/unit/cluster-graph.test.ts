/**
 * The resource graph of the stack, built against Pulumi mocks: which containers, volumes and
 * topics exist for 1 and 3 brokers in both modes, with what environment, ports, aliases,
 * healthchecks and labels, and in which order they start. The mocks record every registration
 * (with its parent and dependencies, read off the monitor request) and fail on anything unknown.
 */
import assert from "node:assert/strict";
import { before, beforeEach, describe, test } from "node:test";
import * as pulumi from "@pulumi/pulumi";

const PROJECT = "kafka-pulumi";
const STACK = "test";

interface Registration {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  parent: string;
  dependencies: string[];
  retainOnDelete: boolean | undefined;
  deleteBeforeReplace: boolean;
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getDependenciesList(): string[];
  getRetainondelete(): boolean | undefined;
  getDeletebeforereplace(): boolean;
}

type RegisterResource = (
  req: RegisterRequest,
  callback: (err: unknown, res: unknown) => void,
) => Promise<void>;

const options = new Map<string, Omit<Registration, "inputs">>();
let registrations: Registration[] = [];

/** Mock state per type: the provider outputs the program reads. Unknown types fail the test. */
function mockState(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> {
  switch (type) {
    case "docker:index/network:Network":
    case "docker:index/volume:Volume":
    case "docker:index/container:Container":
      return inputs;
    case "docker:index/remoteImage:RemoteImage":
      return { ...inputs, imageId: `sha256:${String(inputs["name"])}` };
    case "docker:index/image:Image":
      return { ...inputs, repoDigest: `sha256:${String(inputs["imageName"])}` };
    case "pulumi-nodejs:dynamic/kafka:Topic": {
      const { __provider: provider, ...state } = inputs;
      assert.equal(typeof provider, "string", `topic ${name} carries its serialized provider`);
      return state;
    }
    default:
      if (type.startsWith("kafka-pulumi:index:")) return {};
      throw new Error(`unexpected resource type ${type} (${name})`);
  }
}

function urnName(urn: string): string {
  return urn.split("::").pop() ?? urn;
}

before(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const state = mockState(args.type, args.name, args.inputs as Record<string, unknown>);
        const recorded = options.get(`${args.type}::${args.name}`);
        assert.ok(recorded, `options of ${args.name} were recorded`);
        registrations.push({ ...recorded, inputs: state });
        return { id: args.type.startsWith("kafka-pulumi:") ? undefined : `${args.name}-id`, state };
      },
      call(args) {
        throw new Error(`unexpected call ${args.token}`);
      },
    },
    PROJECT,
    STACK,
    false,
  );
  const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource: RegisterResource };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) => {
    options.set(`${req.getType()}::${req.getName()}`, {
      type: req.getType(),
      name: req.getName(),
      parent: urnName(req.getParent()),
      dependencies: req.getDependenciesList().map(urnName),
      retainOnDelete: req.getRetainondelete(),
      deleteBeforeReplace: req.getDeletebeforereplace(),
    });
    return register(req, callback);
  };
});

beforeEach(() => {
  registrations = [];
});

function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

function find(type: string, name: string): Registration {
  const found = registrations.filter((r) => r.type === type && r.name === name);
  assert.equal(
    found.length,
    1,
    `one ${type} named ${name} (have ${registrations.map((r) => r.name).join(", ")})`,
  );
  return found[0] as Registration;
}

const CONTAINER = "docker:index/container:Container";
const VOLUME = "docker:index/volume:Volume";
const NETWORK = "docker:index/network:Network";
const TOPIC = "pulumi-nodejs:dynamic/kafka:Topic";

interface ContainerInputs {
  name: string;
  envs: string[];
  ports?: { internal: number; external: number; ip: string }[];
  networksAdvanced: { name: string; aliases?: string[] }[];
  healthcheck?: { tests: string[] };
  wait?: boolean;
  waitTimeout?: number;
  restart: string;
  labels: { label: string; value: string }[];
  volumes?: { volumeName: string; containerPath: string }[];
  init?: boolean;
  memory: number;
}

function container(name: string): ContainerInputs {
  return find(CONTAINER, name).inputs as unknown as ContainerInputs;
}

function env(name: string): Record<string, string> {
  return Object.fromEntries(container(name).envs.map((entry) => entry.split(/=(.*)/s).slice(0, 2)));
}

function containersNamed(prefix: string): string[] {
  return registrations
    .filter((r) => r.type === CONTAINER && r.name.startsWith(prefix))
    .map((r) => r.name)
    .sort();
}

/** Builds the stack's components from raw config, as index.ts does, and waits for every registration. */
async function deploy(raw: Record<string, unknown>) {
  const { validateConfig } = await import("../../infra/config.js");
  const { KafkaCluster } = await import("../../infra/kafka-cluster.js");
  const { KafkaApps } = await import("../../infra/app-containers.js");
  const settings = validateConfig(raw);
  const cluster = new KafkaCluster("kafka", settings.cluster);
  const apps =
    settings.apps &&
    new KafkaApps("apps", {
      settings: settings.apps,
      networkName: cluster.networkName,
      internalBootstrapServers: cluster.internalBootstrapServers,
      startAfter: cluster.readyForClients,
    });
  const outputs = {
    networkName: await valueOf(cluster.networkName),
    brokerContainers: await valueOf(cluster.brokerContainers),
    zookeeperContainers: await valueOf(cluster.zookeeperContainers),
    topics: await valueOf(cluster.topics),
    producerContainer: apps ? await valueOf(apps.producerContainer) : undefined,
    consumerContainer: apps ? await valueOf(apps.consumerContainer) : undefined,
  };
  return { cluster, outputs };
}

describe("ZooKeeper mode, one broker (the compose file's shape)", () => {
  test("runs one ZooKeeper node and one broker with replication 1 for the internal topics", async () => {
    const { outputs } = await deploy({});
    assert.deepEqual(containersNamed("zookeeper-"), ["zookeeper-1"]);
    assert.deepEqual(containersNamed("kafka-"), ["kafka-1"]);
    assert.deepEqual(outputs.zookeeperContainers, [`${PROJECT}-${STACK}-zookeeper-1`]);
    assert.deepEqual(outputs.brokerContainers, [`${PROJECT}-${STACK}-kafka-1`]);
    const broker = env("kafka-1");
    assert.equal(broker["KAFKA_BROKER_ID"], "1");
    assert.equal(broker["KAFKA_ZOOKEEPER_CONNECT"], "zookeeper-1:2181");
    assert.equal(broker["KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"], "1");
    assert.equal(broker["KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR"], "1");
    assert.equal(broker["KAFKA_TRANSACTION_STATE_LOG_MIN_ISR"], "1");
    assert.equal(broker["KAFKA_AUTO_CREATE_TOPICS_ENABLE"], "true");
    assert.equal(broker["KAFKA_ADVERTISED_LISTENERS"], "INTERNAL://kafka-1:29092,EXTERNAL://localhost:9092");
    assert.equal(broker["KAFKA_INTER_BROKER_LISTENER_NAME"], "INTERNAL");
    assert.equal(env("zookeeper-1")["ZOOKEEPER_CLIENT_PORT"], "2181");
    assert.equal(env("zookeeper-1")["ZOOKEEPER_SERVERS"], undefined);
  });

  test("publishes the broker's host listener on 127.0.0.1 only and ZooKeeper not at all", async () => {
    await deploy({});
    assert.deepEqual(container("kafka-1").ports, [{ internal: 9092, external: 9092, ip: "127.0.0.1" }]);
    assert.deepEqual(container("zookeeper-1").ports, []);
  });

  test("puts every container on the stack's network under its alias", async () => {
    const { outputs } = await deploy({});
    assert.equal(outputs.networkName, `${PROJECT}-${STACK}-network`);
    assert.deepEqual(container("zookeeper-1").networksAdvanced, [
      { name: outputs.networkName, aliases: ["zookeeper-1"] },
    ]);
    assert.deepEqual(container("kafka-1").networksAdvanced, [
      { name: outputs.networkName, aliases: ["kafka-1"] },
    ]);
    assert.deepEqual(container("producer").networksAdvanced, [{ name: outputs.networkName }]);
  });

  test("gates ZooKeeper and brokers on real-client healthchecks with wait: true", async () => {
    await deploy({});
    const zookeeper = container("zookeeper-1");
    assert.deepEqual(zookeeper.healthcheck?.tests.slice(0, 3), ["CMD", "bash", "-c"]);
    assert.match(zookeeper.healthcheck?.tests[3] ?? "", /\/dev\/tcp\/127\.0\.0\.1\/2181.*srvr.*\^Mode: /);
    const broker = container("kafka-1");
    assert.deepEqual(broker.healthcheck?.tests, [
      "CMD",
      "kafka-broker-api-versions",
      "--bootstrap-server",
      "127.0.0.1:29092",
    ]);
    for (const name of ["zookeeper-1", "kafka-1"]) {
      assert.equal(container(name).wait, true, `${name} waits for healthy`);
      assert.equal(container(name).waitTimeout, 300);
      assert.equal(container(name).restart, "unless-stopped");
    }
  });

  test("starts brokers after ZooKeeper, topics after brokers and apps after topics", async () => {
    await deploy({});
    assert.ok(find(CONTAINER, "kafka-1").dependencies.includes("zookeeper-1"));
    assert.ok(find(TOPIC, "topic-registred_user").dependencies.includes("kafka-1"));
    for (const app of ["producer", "consumer"]) {
      assert.ok(find(CONTAINER, app).dependencies.includes("topic-registred_user"), `${app} after the topic`);
    }
  });

  test("keeps ZooKeeper and broker data in named volumes that destroy removes", async () => {
    await deploy({});
    assert.deepEqual(
      container("zookeeper-1").volumes?.map((v) => [v.volumeName, v.containerPath]),
      [
        [`${PROJECT}-${STACK}-zookeeper-1-data`, "/var/lib/zookeeper/data"],
        [`${PROJECT}-${STACK}-zookeeper-1-log`, "/var/lib/zookeeper/log"],
      ],
    );
    assert.deepEqual(container("kafka-1").volumes, [
      { volumeName: `${PROJECT}-${STACK}-kafka-1-data`, containerPath: "/var/lib/kafka/data" },
    ]);
    for (const volume of registrations.filter((r) => r.type === VOLUME)) {
      assert.notEqual(volume.retainOnDelete, true, `${volume.name} is removed by destroy`);
    }
  });

  test("labels every container, network and volume with the project and stack", async () => {
    await deploy({});
    const labelled = registrations.filter((r) => [CONTAINER, VOLUME, NETWORK].includes(r.type));
    assert.equal(labelled.length, 4 + 3 + 1);
    for (const resource of labelled) {
      const labels = resource.inputs["labels"] as { label: string; value: string }[];
      assert.ok(
        labels.some((l) => l.label === "pulumi.project" && l.value === PROJECT),
        resource.name,
      );
      assert.ok(
        labels.some((l) => l.label === "pulumi.stack" && l.value === STACK),
        resource.name,
      );
    }
  });

  test("creates the declared topic through the host listener", async () => {
    const { outputs } = await deploy({});
    assert.deepEqual(outputs.topics, ["registred_user"]);
    const topic = find(TOPIC, "topic-registred_user").inputs;
    assert.equal(topic["bootstrapServers"], "localhost:9092");
    assert.equal(topic["partitions"], 1);
    assert.equal(topic["replicationFactor"], 1);
  });

  test("runs the producer and consumer on the internal listeners with the compose file's settings", async () => {
    await deploy({});
    assert.deepEqual(env("producer"), {
      KAFKA_BROKERS: "kafka-1:29092",
      KAFKA_CLIENT_ID: "kafka-pulumi-producer",
      KAFKA_TOPIC: "registred_user",
      LOG_LEVEL: "info",
      PRODUCER_COUNT: "0",
      PRODUCER_INTERVAL_MS: "3000",
    });
    assert.equal(env("consumer")["CONSUMER_GROUP"], "my_favorite_group");
    assert.equal(container("producer").init, true);
    const image = find("docker:index/image:Image", "producer-image").inputs;
    assert.deepEqual(image["build"], {
      context: "apps",
      dockerfile: "apps/producer/Dockerfile",
      args: { NODE_IMAGE: "node:22-bookworm-slim" },
      builderVersion: "BuilderV1",
    });
    assert.equal(image["skipPush"], true);
  });

  test("limits memory and heap per container", async () => {
    await deploy({});
    assert.equal(container("kafka-1").memory, 1024);
    assert.equal(env("kafka-1")["KAFKA_HEAP_OPTS"], "-Xms512m -Xmx512m");
    assert.equal(container("zookeeper-1").memory, 512);
    assert.equal(env("zookeeper-1")["KAFKA_HEAP_OPTS"], "-Xms256m -Xmx256m");
    assert.equal(container("producer").memory, 256);
  });

  test("replaces fixed-name containers by deleting the old one first", async () => {
    await deploy({});
    for (const resource of registrations.filter((r) => r.type === CONTAINER)) {
      assert.equal(resource.deleteBeforeReplace, true, resource.name);
    }
  });
});

describe("ZooKeeper mode, three brokers and a three-node ensemble", () => {
  const raw = { brokers: 3, zookeeperNodes: 3 };

  test("runs an ensemble whose nodes know each other", async () => {
    await deploy(raw);
    assert.deepEqual(containersNamed("zookeeper-"), ["zookeeper-1", "zookeeper-2", "zookeeper-3"]);
    for (const node of [1, 2, 3]) {
      const environment = env(`zookeeper-${node}`);
      assert.equal(environment["ZOOKEEPER_SERVER_ID"], String(node));
      assert.equal(
        environment["ZOOKEEPER_SERVERS"],
        "zookeeper-1:2888:3888;zookeeper-2:2888:3888;zookeeper-3:2888:3888",
      );
    }
  });

  test("gives each broker its own id, alias, advertised listener and host port", async () => {
    await deploy(raw);
    for (const broker of [1, 2, 3]) {
      const name = `kafka-${broker}`;
      const port = 9091 + broker;
      assert.equal(env(name)["KAFKA_BROKER_ID"], String(broker));
      assert.equal(
        env(name)["KAFKA_ADVERTISED_LISTENERS"],
        `INTERNAL://${name}:29092,EXTERNAL://localhost:${port}`,
      );
      assert.equal(
        env(name)["KAFKA_ZOOKEEPER_CONNECT"],
        "zookeeper-1:2181,zookeeper-2:2181,zookeeper-3:2181",
      );
      assert.deepEqual(container(name).ports, [{ internal: port, external: port, ip: "127.0.0.1" }]);
      assert.deepEqual(container(name).networksAdvanced[0]?.aliases, [name]);
    }
  });

  test("replicates three ways with two in-sync replicas by default", async () => {
    await deploy(raw);
    const broker = env("kafka-2");
    assert.equal(broker["KAFKA_DEFAULT_REPLICATION_FACTOR"], "3");
    assert.equal(broker["KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"], "3");
    assert.equal(broker["KAFKA_MIN_INSYNC_REPLICAS"], "2");
    assert.equal(broker["KAFKA_TRANSACTION_STATE_LOG_MIN_ISR"], "2");
    assert.equal(find(TOPIC, "topic-registred_user").inputs["replicationFactor"], 3);
  });

  test("starts every broker after every ZooKeeper node, and topics after every broker", async () => {
    const { cluster } = await deploy(raw);
    for (const broker of ["kafka-1", "kafka-2", "kafka-3"]) {
      const dependencies = find(CONTAINER, broker).dependencies;
      for (const node of ["zookeeper-1", "zookeeper-2", "zookeeper-3"])
        assert.ok(dependencies.includes(node));
      assert.ok(find(TOPIC, "topic-registred_user").dependencies.includes(broker));
    }
    assert.equal(cluster.bootstrapServers, "localhost:9092,localhost:9093,localhost:9094");
    assert.equal(cluster.internalBootstrapServers, "kafka-1:29092,kafka-2:29092,kafka-3:29092");
    assert.equal(cluster.zookeeperConnect, "zookeeper-1:2181,zookeeper-2:2181,zookeeper-3:2181");
    assert.deepEqual(env("producer")["KAFKA_BROKERS"], "kafka-1:29092,kafka-2:29092,kafka-3:29092");
  });

  test("publishes ZooKeeper client ports only when zookeeperHostPort is set", async () => {
    await deploy({ ...raw, zookeeperHostPort: 2181 });
    assert.deepEqual(container("zookeeper-3").ports, [{ internal: 2181, external: 2183, ip: "127.0.0.1" }]);
  });
});

describe("KRaft mode", () => {
  for (const brokers of [1, 3]) {
    test(`runs ${brokers} combined broker+controller node(s) and no ZooKeeper`, async () => {
      const { cluster, outputs } = await deploy({ mode: "kraft", brokers });
      assert.deepEqual(containersNamed("zookeeper-"), []);
      assert.equal(registrations.filter((r) => r.name === "zookeeper-image").length, 0);
      assert.deepEqual(outputs.zookeeperContainers, []);
      assert.equal(cluster.zookeeperConnect, undefined);
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
        assert.equal(container(`kafka-${broker}`).wait, true);
        assert.ok(find(TOPIC, "topic-registred_user").dependencies.includes(`kafka-${broker}`));
      }
    });
  }
});

describe("options", () => {
  test("retainData keeps every volume on destroy", async () => {
    await deploy({ brokers: 3, retainData: true });
    const volumes = registrations.filter((r) => r.type === VOLUME);
    assert.equal(volumes.length, 3 + 2);
    for (const volume of volumes) assert.equal(volume.retainOnDelete, true, volume.name);
  });

  test("apps=false declares no app images or containers", async () => {
    const { outputs } = await deploy({ apps: false });
    assert.equal(outputs.producerContainer, undefined);
    assert.equal(registrations.filter((r) => r.type === "docker:index/image:Image").length, 0);
    assert.deepEqual(containersNamed("p"), []);
  });

  test("without declared topics the apps start after the brokers", async () => {
    await deploy({ topics: "[]" });
    assert.ok(find(CONTAINER, "consumer").dependencies.includes("kafka-1"));
  });
});

describe("the program (infra/index.ts)", () => {
  test("reads the stack config and exports the cluster's addresses and container names", async () => {
    pulumi.runtime.setAllConfig({
      [`${PROJECT}:brokers`]: "3",
      [`${PROJECT}:topics`]: JSON.stringify([{ name: "registred_user", partitions: 3 }, { name: "audit" }]),
    });
    const program = await import("../../infra/index.js");
    assert.equal(program.bootstrapServers, "localhost:9092,localhost:9093,localhost:9094");
    assert.equal(program.internalBootstrapServers, "kafka-1:29092,kafka-2:29092,kafka-3:29092");
    assert.equal(program.zookeeperConnect, "zookeeper-1:2181");
    assert.equal(await valueOf(program.networkName), `${PROJECT}-${STACK}-network`);
    assert.deepEqual(await valueOf(program.topics), ["registred_user", "audit"]);
    assert.equal((await valueOf(program.brokerContainers)).length, 3);
    assert.deepEqual(await valueOf(program.zookeeperContainers), [`${PROJECT}-${STACK}-zookeeper-1`]);
    assert.ok(program.producerContainer && program.consumerContainer);
    assert.equal(await valueOf(program.producerContainer), `${PROJECT}-${STACK}-producer`);
    assert.equal(await valueOf(program.consumerContainer), `${PROJECT}-${STACK}-consumer`);
    assert.equal(find(TOPIC, "topic-registred_user").inputs["partitions"], 3);
  });
});
