/**
 * The environment translation of the air-gapped ZooKeeper and Kafka images
 * (images/kafka/rootfs/usr/local/lib/kafka-airgap/env-to-properties.sh), run on the host with a
 * controlled environment: the cp-kafka / cp-zookeeper rules our container declarations rely on.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, it } from "node:test";

const SCRIPT = path.resolve(
  __dirname,
  "../../images/kafka/rootfs/usr/local/lib/kafka-airgap/env-to-properties.sh",
);

type Env = Record<string, string>;

interface Translation {
  status: number | null;
  properties: Map<string, string>;
  stderr: string;
}

/** Runs the script with exactly ENV (plus PATH) and parses the properties it prints. */
function translate(args: string[], env: Env): Translation {
  const result = spawnSync("bash", [SCRIPT, ...args], {
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...env },
    encoding: "utf8",
  });
  const properties = new Map<string, string>();
  for (const line of result.stdout.split("\n").filter((l) => l.length > 0)) {
    const at = line.indexOf("=");
    properties.set(line.slice(0, at), line.slice(at + 1));
  }
  return { status: result.status, properties, stderr: result.stderr };
}

const ZK_MODE: Env = {
  KAFKA_ZOOKEEPER_CONNECT: "zookeeper-1:2181",
  KAFKA_ADVERTISED_LISTENERS: "INTERNAL://kafka-1:29092,HOST://localhost:19092",
};
const KRAFT_COMBINED: Env = {
  KAFKA_PROCESS_ROLES: "broker,controller",
  KAFKA_NODE_ID: "1",
  CLUSTER_ID: "a2Fma2EtYWlyZ2FwLXRlcw",
  KAFKA_CONTROLLER_QUORUM_VOTERS: "1@kafka-1:29093",
  KAFKA_CONTROLLER_LISTENER_NAMES: "CONTROLLER",
  KAFKA_ADVERTISED_LISTENERS: "INTERNAL://kafka-1:29092",
};

function kafkaProperties(env: Env): Map<string, string> {
  const result = translate(["kafka"], env);
  assert.equal(result.status, 0, `exit status ${result.status}: ${result.stderr}`);
  return result.properties;
}

describe("KAFKA_* variables to broker properties (cp-kafka rules)", () => {
  const cases: [variable: string, property: string][] = [
    ["KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "offsets.topic.replication.factor"],
    ["KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "listener.security.protocol.map"],
    ["KAFKA_BROKER_ID", "broker.id"],
    ["KAFKA_FOO__BAR_BAZ", "foo_bar.baz"],
    ["KAFKA_SOME___DASHED_NAME", "some-dashed.name"],
    ["KAFKA_A___B__C_D", "a-b_c.d"],
    ["KAFKA_LOG_DIR", "log.dir"],
  ];
  for (const [variable, property] of cases) {
    it(`${variable} -> ${property}`, () => {
      const value = "x=1, y:2";
      assert.equal(kafkaProperties({ ...ZK_MODE, [variable]: value }).get(property), value);
    });
  }

  const excluded = [
    "KAFKA_HEAP_OPTS",
    "KAFKA_OPTS",
    "KAFKA_JMX_OPTS",
    "KAFKA_JMX_PORT",
    "KAFKA_JMX_HOSTNAME",
    "KAFKA_LOG4J_OPTS",
    "KAFKA_LOG4J_ROOT_LOGLEVEL",
    "KAFKA_LOG4J_LOGGERS",
    "KAFKA_TOOLS_LOG4J_LOGLEVEL",
    "KAFKA_JVM_PERFORMANCE_OPTS",
    "KAFKA_GC_LOG_OPTS",
    "KAFKA_VERSION",
    "KAFKA_CUB_ZK_TIMEOUT",
  ];
  for (const variable of excluded) {
    it(`${variable} configures the image, not the broker`, () => {
      const properties = kafkaProperties({ ...ZK_MODE, [variable]: "excluded-value" });
      assert.ok(![...properties.values()].includes("excluded-value"), [...properties].join("\n"));
    });
  }

  it("writes nothing but the translated variables and the two defaults", () => {
    assert.deepEqual(
      [...kafkaProperties({ ...ZK_MODE, CLUSTER_ID: "ignored-in-zookeeper-mode" }).keys()],
      ["advertised.listeners", "listeners", "log.dirs", "zookeeper.connect"],
    );
  });
});

describe("broker defaults", () => {
  const listenerCases: [advertised: string, listeners: string][] = [
    ["INTERNAL://kafka-1:29092,HOST://localhost:19092", "INTERNAL://0.0.0.0:29092,HOST://0.0.0.0:19092"],
    ["PLAINTEXT://:9092", "PLAINTEXT://0.0.0.0:9092"],
    ["PLAINTEXT://[::1]:9092", "PLAINTEXT://0.0.0.0:9092"],
  ];
  for (const [advertised, listeners] of listenerCases) {
    it(`listeners default from advertised ${advertised}`, () => {
      const properties = kafkaProperties({ ...ZK_MODE, KAFKA_ADVERTISED_LISTENERS: advertised });
      assert.equal(properties.get("listeners"), listeners);
    });
  }

  it("an explicit KAFKA_LISTENERS wins over the derived one", () => {
    const listeners = "INTERNAL://0.0.0.0:29092,HOST://127.0.0.1:19092";
    assert.equal(kafkaProperties({ ...ZK_MODE, KAFKA_LISTENERS: listeners }).get("listeners"), listeners);
  });

  it("log.dirs defaults to cp's /var/lib/kafka/data and KAFKA_LOG_DIRS overrides it", () => {
    assert.equal(kafkaProperties(ZK_MODE).get("log.dirs"), "/var/lib/kafka/data");
    assert.equal(
      kafkaProperties({ ...ZK_MODE, KAFKA_LOG_DIRS: "/data/a,/data/b" }).get("log.dirs"),
      "/data/a,/data/b",
    );
  });
});

describe("required variables", () => {
  const without = (env: Env, name: string): Env =>
    Object.fromEntries(Object.entries(env).filter(([k]) => k !== name));
  const failures: [title: string, env: Env, missing: string][] = [
    [
      "ZooKeeper mode without a connect string",
      without(ZK_MODE, "KAFKA_ZOOKEEPER_CONNECT"),
      "KAFKA_ZOOKEEPER_CONNECT",
    ],
    [
      "ZooKeeper mode without advertised listeners",
      without(ZK_MODE, "KAFKA_ADVERTISED_LISTENERS"),
      "KAFKA_ADVERTISED_LISTENERS",
    ],
    ["KRaft without CLUSTER_ID", without(KRAFT_COMBINED, "CLUSTER_ID"), "CLUSTER_ID"],
    ["KRaft without a node id", without(KRAFT_COMBINED, "KAFKA_NODE_ID"), "KAFKA_NODE_ID"],
    [
      "KRaft without voters",
      without(KRAFT_COMBINED, "KAFKA_CONTROLLER_QUORUM_VOTERS"),
      "KAFKA_CONTROLLER_QUORUM_VOTERS",
    ],
    [
      "KRaft without controller listener names",
      without(KRAFT_COMBINED, "KAFKA_CONTROLLER_LISTENER_NAMES"),
      "KAFKA_CONTROLLER_LISTENER_NAMES",
    ],
    [
      "a KRaft broker without advertised listeners",
      without(KRAFT_COMBINED, "KAFKA_ADVERTISED_LISTENERS"),
      "KAFKA_ADVERTISED_LISTENERS",
    ],
    [
      "a controller-only node without listeners",
      { ...without(KRAFT_COMBINED, "KAFKA_ADVERTISED_LISTENERS"), KAFKA_PROCESS_ROLES: "controller" },
      "KAFKA_LISTENERS",
    ],
    [
      "the removed KAFKA_ADVERTISED_HOST_NAME",
      { ...ZK_MODE, KAFKA_ADVERTISED_HOST_NAME: "kafka" },
      "KAFKA_ADVERTISED_HOST_NAME",
    ],
  ];
  for (const [title, env, missing] of failures) {
    it(`${title} fails naming ${missing}`, () => {
      const result = translate(["kafka"], env);
      assert.equal(result.status, 1);
      assert.match(result.stderr, new RegExp(`^kafka: ${missing} is `, "m"));
      assert.equal(result.properties.size, 0, "prints no properties");
    });
  }

  it("a controller-only node needs no advertised listeners", () => {
    const env = {
      ...without(KRAFT_COMBINED, "KAFKA_ADVERTISED_LISTENERS"),
      KAFKA_PROCESS_ROLES: "controller",
    };
    const properties = kafkaProperties({ ...env, KAFKA_LISTENERS: "CONTROLLER://0.0.0.0:29093" });
    assert.equal(properties.get("listeners"), "CONTROLLER://0.0.0.0:29093");
    assert.equal(properties.has("advertised.listeners"), false);
    assert.equal(properties.get("process.roles"), "controller");
  });

  it("ZooKeeper needs ZOOKEEPER_CLIENT_PORT", () => {
    const result = translate(["zookeeper"], { ZOOKEEPER_TICK_TIME: "2000" });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /^zookeeper: ZOOKEEPER_CLIENT_PORT is required/m);
  });
});

describe("ZOOKEEPER_* variables to zookeeper properties (cp-zookeeper rules)", () => {
  function zookeeperProperties(env: Env): Map<string, string> {
    const result = translate(["zookeeper"], { ZOOKEEPER_CLIENT_PORT: "2181", ...env });
    assert.equal(result.status, 0, result.stderr);
    return result.properties;
  }
  const cases: [variable: string, property: string][] = [
    ["ZOOKEEPER_CLIENT_PORT", "clientPort"],
    ["ZOOKEEPER_TICK_TIME", "tickTime"],
    ["ZOOKEEPER_INIT_LIMIT", "initLimit"],
    ["ZOOKEEPER_SYNC_LIMIT", "syncLimit"],
    ["ZOOKEEPER_MAX_CLIENT_CNXNS", "maxClientCnxns"],
    ["ZOOKEEPER_AUTOPURGE_SNAP_RETAIN_COUNT", "autopurge.snapRetainCount"],
    ["ZOOKEEPER_AUTOPURGE_PURGE_INTERVAL", "autopurge.purgeInterval"],
    ["ZOOKEEPER_DATA_DIR", "dataDir"],
    ["ZOOKEEPER_DATA_LOG_DIR", "dataLogDir"],
    ["ZOOKEEPER_4LW_COMMANDS_WHITELIST", "4lw.commands.whitelist"],
    ["ZOOKEEPER_SSL_QUORUM", "ssl.quorum"],
  ];
  for (const [variable, property] of cases) {
    it(`${variable} -> ${property}`, () => {
      assert.equal(zookeeperProperties({ [variable]: "7" }).get(property), "7");
    });
  }

  it("standalone: cp's data paths, no server list, nothing from KAFKA_HEAP_OPTS", () => {
    const properties = zookeeperProperties({ KAFKA_HEAP_OPTS: "-Xmx256m" });
    assert.deepEqual(Object.fromEntries(properties), {
      clientPort: "2181",
      dataDir: "/var/lib/zookeeper/data",
      dataLogDir: "/var/lib/zookeeper/log",
    });
  });

  it("ZOOKEEPER_SERVERS expands to server.N in order; the id is not a property", () => {
    const properties = zookeeperProperties({
      ZOOKEEPER_SERVER_ID: "2",
      ZOOKEEPER_SERVERS: "zookeeper-1:2888:3888;zookeeper-2:2888:3888;zookeeper-3:2888:3888",
    });
    assert.equal(properties.get("server.1"), "zookeeper-1:2888:3888");
    assert.equal(properties.get("server.2"), "zookeeper-2:2888:3888");
    assert.equal(properties.get("server.3"), "zookeeper-3:2888:3888");
    assert.equal(properties.has("server.4"), false);
    assert.equal(properties.has("server.id"), false);
    assert.equal(properties.has("servers"), false);
  });
});

describe("log4j configuration", () => {
  it("root level and extra loggers come from KAFKA_LOG4J_ROOT_LOGLEVEL and KAFKA_LOG4J_LOGGERS", () => {
    const result = translate(["log4j", "kafka"], {
      KAFKA_LOG4J_ROOT_LOGLEVEL: "WARN",
      KAFKA_LOG4J_LOGGERS: "kafka.controller=INFO, state.change.logger=ERROR",
    });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.properties.get("log4j.rootLogger"), "WARN, console");
    assert.equal(result.properties.get("log4j.logger.kafka.controller"), "INFO");
    assert.equal(result.properties.get("log4j.logger.state.change.logger"), "ERROR");
  });

  it("the tools log warnings to stderr by default", () => {
    const result = translate(["log4j", "tools"], {});
    assert.equal(result.properties.get("log4j.rootLogger"), "WARN, console");
    assert.equal(result.properties.get("log4j.appender.console.Target"), "System.err");
  });
});
