/**
 * The broker conventions' inputs as the stack config states them: one function per platform-free
 * value that more than one component (and the bench's compose model) derives from the cluster's settings.
 */
import type { BrokerEnvironmentSettings } from "./environment";
import type { ListenerLayout } from "./listeners";

/**
 * The settings the brokers' listeners and environment follow from, under the stack config's names
 * (config/cluster.ts's ClusterSettings has them all).
 */
export type ClusterShape = ListenerLayout &
  Omit<BrokerEnvironmentSettings, "layout" | "heap"> & { brokerHeap: string };

/** Where the brokers listen and what they advertise. */
export function listenerLayout(shape: ClusterShape): ListenerLayout {
  return {
    mode: shape.mode,
    brokers: shape.brokers,
    advertisedHost: shape.advertisedHost,
    hostPortBase: shape.hostPortBase,
  };
}

/** What brokerEnvironment renders each broker's environment from. */
export function brokerEnvironmentSettings(shape: ClusterShape): BrokerEnvironmentSettings {
  return {
    layout: listenerLayout(shape),
    zookeeperNodes: shape.zookeeperNodes,
    clusterId: shape.clusterId,
    replicationFactor: shape.replicationFactor,
    minInsyncReplicas: shape.minInsyncReplicas,
    defaultPartitions: shape.defaultPartitions,
    autoCreateTopics: shape.autoCreateTopics,
    heap: shape.brokerHeap,
  };
}
