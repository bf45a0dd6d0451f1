/**
 * Listener layout of the brokers, as pure functions of the broker count and host settings.
 *
 * Every broker has two client listeners:
 * - INTERNAL `kafka-N:29092`, for containers on the stack's network (inter-broker traffic and the apps);
 * - EXTERNAL `<advertisedHost>:<hostPortBase + N - 1>`, published on the host, for clients on the host.
 * Clients bootstrap through one and are then sent, in metadata, the same-named listener of every broker;
 * so each address advertised must be reachable from where that kind of client runs.
 * In KRaft mode every node is also a controller, with a CONTROLLER listener on 29093.
 */

export type ClusterMode = "zookeeper" | "kraft";

export const INTERNAL_LISTENER = "INTERNAL";
export const EXTERNAL_LISTENER = "EXTERNAL";
export const CONTROLLER_LISTENER = "CONTROLLER";
export const INTERNAL_PORT = 29092;
export const CONTROLLER_PORT = 29093;
export const ZOOKEEPER_CLIENT_PORT = 2181;

export interface ListenerLayout {
  mode: ClusterMode;
  brokers: number;
  /** Host name that clients on the host use to reach published ports. */
  advertisedHost: string;
  /** Host port of broker 1; broker N gets hostPortBase + N - 1. */
  hostPortBase: number;
}

/** The rendered listener settings of one broker. */
export interface BrokerListeners {
  /** `listeners`: where the broker binds, inside its container. */
  listeners: string;
  /** `advertised.listeners`: what the broker tells clients to connect to. */
  advertisedListeners: string;
  /** `listener.security.protocol.map`. */
  securityProtocolMap: string;
  /** The host port published for the EXTERNAL listener. */
  hostPort: number;
}

/** The numbers 1..count of the members of a cluster or ensemble. */
export function memberNumbers(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index + 1);
}

/** The network alias (and INTERNAL host name) of broker N. */
export function brokerAlias(broker: number): string {
  return `kafka-${broker}`;
}

/** The network alias of ZooKeeper node N. */
export function zookeeperAlias(node: number): string {
  return `zookeeper-${node}`;
}

export function brokerHostPort(layout: ListenerLayout, broker: number): number {
  return layout.hostPortBase + broker - 1;
}

/**
 * The EXTERNAL listener binds the same port inside the container as on the host, so the port in
 * advertised.listeners, the published port and the bound port are one number.
 */
export function renderBrokerListeners(layout: ListenerLayout, broker: number): BrokerListeners {
  const hostPort = brokerHostPort(layout, broker);
  const bound = [
    `${INTERNAL_LISTENER}://0.0.0.0:${INTERNAL_PORT}`,
    `${EXTERNAL_LISTENER}://0.0.0.0:${hostPort}`,
  ];
  const protocols = [`${INTERNAL_LISTENER}:PLAINTEXT`, `${EXTERNAL_LISTENER}:PLAINTEXT`];
  if (layout.mode === "kraft") {
    bound.push(`${CONTROLLER_LISTENER}://0.0.0.0:${CONTROLLER_PORT}`);
    protocols.push(`${CONTROLLER_LISTENER}:PLAINTEXT`);
  }
  return {
    listeners: bound.join(","),
    advertisedListeners: [
      `${INTERNAL_LISTENER}://${brokerAlias(broker)}:${INTERNAL_PORT}`,
      `${EXTERNAL_LISTENER}://${layout.advertisedHost}:${hostPort}`,
    ].join(","),
    securityProtocolMap: protocols.join(","),
    hostPort,
  };
}

/** `controller.quorum.voters` of a KRaft cluster whose every broker is also a controller. */
export function controllerQuorumVoters(layout: ListenerLayout): string {
  return memberNumbers(layout.brokers)
    .map((broker) => `${broker}@${brokerAlias(broker)}:${CONTROLLER_PORT}`)
    .join(",");
}

/** Where clients on the host reach broker N, e.g. `localhost:9092`. */
export function brokerHostAddress(layout: ListenerLayout, broker: number): string {
  return `${layout.advertisedHost}:${brokerHostPort(layout, broker)}`;
}

/** Bootstrap list for clients on the host, e.g. `localhost:9092,localhost:9093`. */
export function hostBootstrapServers(layout: ListenerLayout): string {
  return memberNumbers(layout.brokers)
    .map((broker) => brokerHostAddress(layout, broker))
    .join(",");
}

/** Bootstrap list for containers on the stack's network, e.g. `kafka-1:29092,kafka-2:29092`. */
export function internalBootstrapServers(layout: ListenerLayout): string {
  return memberNumbers(layout.brokers)
    .map((broker) => `${brokerAlias(broker)}:${INTERNAL_PORT}`)
    .join(",");
}

/** `zookeeper.connect` for an ensemble of `nodes` ZooKeeper servers. */
export function zookeeperConnect(nodes: number): string {
  return memberNumbers(nodes)
    .map((node) => `${zookeeperAlias(node)}:${ZOOKEEPER_CLIENT_PORT}`)
    .join(",");
}
