/**
 * The docker-compose (file format 2.4) equivalent of what the Pulumi program declares for a
 * stack, rendered with the program's own functions: container environment, listeners and ports,
 * network aliases, healthchecks, volumes, memory limits, names and labels. The healthchecks run every
 * second, as in a compose file whose `service_healthy` waits on them (the program's run every 30 s, as `pulumi
 * up` asks the probes itself). Brokers start once ZooKeeper runs (`service_started`), as in the program; the
 * program's readiness gate becomes
 * `depends_on: condition: service_healthy` of the topic resources (admin API calls from the Pulumi
 * process), which become one-shot `kafka-topics --create` services that the apps wait for.
 */
import { BENCH_PROJECT, BENCH_STACK } from "./pulumi-identity";

/** The names `pulumi up` gives the benchmarked stack's Docker objects. */
const IDENTITY = { project: BENCH_PROJECT, stack: BENCH_STACK };
import type * as docker from "@pulumi/docker";
import { appEnvironment } from "../infra/apps/app-environment";
import type { StackSettings } from "../infra/config";
import { dockerHealthcheck, WAITED_ON_PROBE_TIMING } from "../infra/docker/healthcheck";
import { BROKER_DATA_PATH, ZOOKEEPER_DATA_PATH, ZOOKEEPER_LOG_PATH } from "../infra/kafka/data-paths";
import { brokerProbe, zookeeperProbe } from "../infra/kafka/healthchecks";
import { brokerEnvironmentSettings, listenerLayout } from "../infra/kafka/cluster-shape";
import {
  brokerEnvironment,
  dynamicBrokerProperties,
  propertyEnvironment,
  zookeeperEnvironment,
  type Environment,
} from "../infra/kafka/environment";
import { PROJECT_LABEL, ROLE_LABEL, STACK_LABEL } from "../infra/docker/docker-cli";
import { dockerLabels, dockerName, imageTag, type Role } from "../infra/docker/identity";
import {
  brokerAlias,
  brokerHostAddress,
  brokerHostPort,
  internalBootstrapServers,
  memberNumbers,
  zookeeperAlias,
  ZOOKEEPER_CLIENT_PORT,
} from "../infra/kafka/listeners";
import { toMebibytes } from "../infra/docker/memory-limit";

/** A value of the compose file: what YAML can hold. */
export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue };

type Service = Record<string, YamlValue>;

/** The key of the stack's network in the compose file. */
export const NETWORK_KEY = "stack";

function labels(role: Role): Record<string, string> {
  return Object.fromEntries(dockerLabels(IDENTITY, role).map(({ label, value }) => [label, value]));
}

function seconds(value: unknown): string {
  if (typeof value !== "string") throw new Error(`expected a duration like "5s", got ${String(value)}`);
  return value;
}

/** Pulumi's ContainerHealthcheck in compose's spelling. */
function healthcheck(check: docker.types.input.ContainerHealthcheck): Service {
  return {
    // Compose interpolates `$`; `$$` is a literal one.
    test: (check.tests as string[]).map((part) => part.replaceAll("$", "$$$$")),
    interval: seconds(check.interval),
    timeout: seconds(check.timeout),
    retries: check.retries as number,
    start_period: seconds(check.startPeriod),
  };
}

function volume(name: string, role: Role): Service {
  return { name: dockerName(IDENTITY, name), labels: labels(role) };
}

function started(services: readonly string[]): Service {
  return Object.fromEntries(services.map((service) => [service, { condition: "service_started" }]));
}

function healthy(services: readonly string[]): Service {
  return Object.fromEntries(services.map((service) => [service, { condition: "service_healthy" }]));
}

function container(alias: string, role: Role, image: string, environment: Environment): Service {
  return {
    container_name: dockerName(IDENTITY, alias),
    image,
    hostname: alias,
    environment: { ...environment },
    networks: { [NETWORK_KEY]: { aliases: [alias] } },
    restart: "unless-stopped",
    labels: labels(role),
  };
}

export interface ComposeModel {
  file: Record<string, YamlValue>;
  /** Services of the cluster itself (ZooKeeper and brokers), in start order. */
  clusterServices: string[];
  /** One-shot topic services. */
  topicServices: string[];
  /** Producer and consumer, when the stack runs the apps. */
  appServices: string[];
  networkName: string;
  /** Bootstrap list on the stack's network. */
  bootstrapServers: string;
  /** Each broker's container and the address its published EXTERNAL listener has on the host. */
  brokerEndpoints: { container: string; hostAddress: string }[];
  /** Image names of the apps (built from apps/ before `up`). */
  appImages: Record<string, string>;
}

/** Renders the compose file; `appsContext` is apps/ relative to the compose file's directory. */
export function renderCompose(settings: StackSettings, appsContext: string) {
  const { project, stack } = IDENTITY;
  const { cluster, apps } = settings;
  const layout = listenerLayout(cluster);
  const bootstrapServers = internalBootstrapServers(layout);
  const services: Record<string, YamlValue> = {};
  const volumes: Record<string, YamlValue> = {};

  const zookeepers = cluster.mode === "zookeeper" ? memberNumbers(cluster.zookeeperNodes) : [];
  for (const node of zookeepers) {
    const alias = zookeeperAlias(node);
    const env = zookeeperEnvironment({ nodes: cluster.zookeeperNodes, heap: cluster.zookeeperHeap }, node);
    const hostPort = cluster.zookeeperHostPort;
    for (const suffix of ["data", "log"])
      volumes[`${alias}-${suffix}`] = volume(`${alias}-${suffix}`, "zookeeper");
    services[alias] = {
      ...container(alias, "zookeeper", cluster.zookeeperImage, env),
      ports:
        hostPort === undefined
          ? []
          : [`${cluster.hostBindAddress}:${hostPort + node - 1}:${ZOOKEEPER_CLIENT_PORT}`],
      volumes: [`${alias}-data:${ZOOKEEPER_DATA_PATH}`, `${alias}-log:${ZOOKEEPER_LOG_PATH}`],
      mem_limit: `${toMebibytes(cluster.zookeeperMemoryBytes)}m`,
      healthcheck: healthcheck(dockerHealthcheck(zookeeperProbe(), WAITED_ON_PROBE_TIMING)),
    };
  }
  const zookeeperServices = zookeepers.map(zookeeperAlias);

  const brokers = memberNumbers(cluster.brokers).map(brokerAlias);
  memberNumbers(cluster.brokers).forEach((broker) => {
    const alias = brokerAlias(broker);
    // A compose file has no later admin step: the settings Pulumi applies at runtime go in the environment.
    const env = {
      ...brokerEnvironment(brokerEnvironmentSettings(cluster), broker),
      ...propertyEnvironment(dynamicBrokerProperties(cluster)),
    };
    const port = brokerHostPort(layout, broker);
    volumes[`${alias}-data`] = volume(`${alias}-data`, "broker");
    services[alias] = {
      ...container(alias, "broker", cluster.kafkaImage, env),
      ports: [`${cluster.hostBindAddress}:${port}:${port}`],
      volumes: [`${alias}-data:${BROKER_DATA_PATH}`],
      mem_limit: `${toMebibytes(cluster.brokerMemoryBytes)}m`,
      healthcheck: healthcheck(dockerHealthcheck(brokerProbe(), WAITED_ON_PROBE_TIMING)),
      // As in the program: a broker starts once ZooKeeper's containers exist and waits for it itself.
      ...(zookeeperServices.length > 0 ? { depends_on: started(zookeeperServices) } : {}),
    };
  });

  const topicServices = cluster.topics.map((topic) => `topic-${topic.name}`);
  cluster.topics.forEach((topic, index) => {
    const configs = Object.entries(topic.configs).flatMap(([name, value]) => [
      "--config",
      `${name}=${value}`,
    ]);
    services[topicServices[index] ?? ""] = {
      image: cluster.kafkaImage,
      command: [
        ...["kafka-topics", "--bootstrap-server", bootstrapServers, "--create", "--if-not-exists"],
        ...["--topic", topic.name, "--partitions", String(topic.partitions)],
        ...["--replication-factor", String(topic.replicationFactor), ...configs],
      ],
      networks: [NETWORK_KEY],
      restart: "no",
      labels: { [PROJECT_LABEL]: project, [STACK_LABEL]: stack, [ROLE_LABEL]: "topic" },
      depends_on: healthy(brokers),
    };
  });

  const appImages: Record<string, string> = {};
  const appServices = apps === undefined ? [] : (["producer", "consumer"] as const);
  for (const app of appServices) {
    if (apps === undefined) break;
    appImages[app] = imageTag(IDENTITY, app);
    const env = appEnvironment(app, apps, bootstrapServers);
    services[app] = {
      container_name: dockerName(IDENTITY, app),
      image: appImages[app] ?? "",
      build: { context: appsContext, args: { APP: app, NODE_IMAGE: apps.nodeImage } },
      environment: env,
      networks: [NETWORK_KEY],
      mem_limit: `${toMebibytes(apps.memoryBytes)}m`,
      restart: "unless-stopped",
      labels: labels(app),
      depends_on:
        topicServices.length > 0
          ? Object.fromEntries(
              topicServices.map((name) => [name, { condition: "service_completed_successfully" }]),
            )
          : healthy(brokers),
    };
  }

  const networkName = dockerName(IDENTITY, "network");
  const file: Record<string, YamlValue> = {
    version: "2.4",
    services,
    networks: { [NETWORK_KEY]: { name: networkName, driver: "bridge", labels: labels("network") } },
    volumes,
  };
  return {
    file,
    clusterServices: [...zookeeperServices, ...brokers],
    topicServices,
    appServices: [...appServices],
    networkName,
    bootstrapServers,
    brokerEndpoints: memberNumbers(cluster.brokers).map((broker) => ({
      container: dockerName(IDENTITY, brokerAlias(broker)),
      hostAddress: brokerHostAddress(layout, broker),
    })),
    appImages,
  } satisfies ComposeModel;
}
