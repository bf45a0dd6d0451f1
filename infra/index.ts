/**
 * The stack: a Kafka cluster with its topics and, unless `apps` is false, the producer and consumer
 * apps. Configuration is read and checked in config.ts before anything is declared.
 */
import { KafkaApps } from "./apps/kafka-apps";
import { loadConfig } from "./config/stack-settings";
import { KafkaCluster } from "./cluster/kafka-cluster";

const settings = loadConfig();

const cluster = new KafkaCluster("kafka", settings.cluster);

const apps =
  settings.apps === undefined
    ? undefined
    : new KafkaApps("apps", {
        settings: settings.apps,
        networkName: cluster.networkName,
        internalBootstrapServers: cluster.internalBootstrapServers,
        // The producer writes at once: its topic must exist with the declared shape first.
        startAfter: cluster.readyForClients,
      });

export const bootstrapServers = cluster.bootstrapServers;
export const internalBootstrapServers = cluster.internalBootstrapServers;
export const zookeeperConnect = cluster.zookeeperConnect;
export const networkName = cluster.networkName;
export const topics = cluster.topics;
export const zookeeperContainers = cluster.zookeeperContainers;
export const brokerContainers = cluster.brokerContainers;
export const producerContainer = apps?.producerContainer;
export const consumerContainer = apps?.consumerContainer;
