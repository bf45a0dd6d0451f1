/**
 * Where the stack is reachable from the host: the bind address, the advertised host name and the
 * published ports, checked for range, for overlaps between the brokers' and ZooKeeper's ports, and
 * against the ports the brokers use inside their containers.
 */
import { DEFAULTS } from "./defaults";
import type { ConfigReader } from "./reader";
import { CONTROLLER_PORT, INTERNAL_PORT, type ClusterMode } from "../kafka/listeners";

export interface PortSettings {
  advertisedHost: string;
  hostBindAddress: string;
  hostPortBase: number;
  /** First host port of ZooKeeper's client port, one per node; undefined when not published. */
  zookeeperHostPort: number | undefined;
}

export const MIN_HOST_PORT = 1024;
export const MAX_PORT = 65535;

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HOSTNAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

interface PortRange {
  key: string;
  first: number;
  last: number;
  owner: string;
}

function describe(range: PortRange): string {
  return range.first === range.last ? `${range.first}` : `${range.first}-${range.last}`;
}

/** Host ports published by `count` members starting at `first`, if `first + count - 1` fits. */
function readRange(reader: ConfigReader, key: string, first: number, count: number, owner: string) {
  const last = first + count - 1;
  if (last > MAX_PORT) {
    const allowed = `at most ${MAX_PORT - count + 1}: ${owner} N is published on ${key} + N - 1, up to ${MAX_PORT}`;
    reader.invalid(key, first, allowed);
    return undefined;
  }
  return { key, first, last, owner };
}

function reportOverlap(reader: ConfigReader, ranges: readonly (PortRange | undefined)[]): void {
  const present = ranges.filter((range): range is PortRange => range !== undefined);
  present.forEach((range, index) => {
    for (const other of present.slice(index + 1)) {
      if (range.first <= other.last && other.first <= range.last) {
        const allowed = `ports outside ${describe(range)}, which the ${range.owner}s publish via ${range.key}`;
        reader.invalid(
          other.key,
          other.first,
          `${allowed} (the ${other.owner}s would take ${describe(other)})`,
        );
      }
    }
  });
}

/**
 * Ports a broker listens on inside its container besides its EXTERNAL one. The EXTERNAL listener
 * binds the broker's host port inside the container too, so a host port equal to one of these would
 * make the broker fail to bind at start.
 */
function reservedBrokerPorts(mode: ClusterMode): { port: number; use: string }[] {
  return [
    { port: INTERNAL_PORT, use: "the INTERNAL listener" },
    ...(mode === "kraft" ? [{ port: CONTROLLER_PORT, use: "the CONTROLLER listener (mode=kraft)" }] : []),
  ];
}

function reportReserved(reader: ConfigReader, range: PortRange | undefined, mode: ClusterMode): void {
  if (range === undefined) return;
  for (const reserved of reservedBrokerPorts(mode)) {
    if (range.first <= reserved.port && reserved.port <= range.last) {
      reader.invalid(
        range.key,
        range.first,
        `a range of broker host ports without ${reserved.port}, which every broker uses inside its ` +
          `container for ${reserved.use} (the brokers would take ${describe(range)})`,
      );
    }
  }
}

/** Reads the host-facing settings; ZooKeeper's ports only count in mode=zookeeper. */
export function readPorts(
  reader: ConfigReader,
  mode: ClusterMode,
  brokers: number,
  zookeeperNodes: number,
): PortSettings {
  const hostBindAddress = reader.string(
    "hostBindAddress",
    DEFAULTS.hostBindAddress,
    IPV4,
    "an IPv4 address of this host, e.g. 127.0.0.1 (loopback only) or 0.0.0.0 (every interface)",
  );
  const advertisedHost = reader.string(
    "advertisedHost",
    DEFAULTS.advertisedHost,
    new RegExp(`${HOSTNAME.source}|${IPV4.source}`),
    "a host name or IPv4 address by which clients on the host reach the published ports, e.g. localhost",
  );
  const hostPortBase = reader.integer("hostPortBase", DEFAULTS.hostPortBase, {
    min: MIN_HOST_PORT,
    max: MAX_PORT,
  });
  const zookeeperPort = reader.integer("zookeeperHostPort", DEFAULTS.zookeeperHostPort, {
    min: 0,
    max: MAX_PORT,
    hint: "0 = not published",
  });
  if (zookeeperPort > 0 && zookeeperPort < MIN_HOST_PORT) {
    reader.invalid(
      "zookeeperHostPort",
      zookeeperPort,
      `0 (not published) or a port from ${MIN_HOST_PORT} to ${MAX_PORT}`,
    );
  }
  const publishZookeeper = zookeeperPort >= MIN_HOST_PORT && mode === "zookeeper";
  const brokerRange = readRange(reader, "hostPortBase", hostPortBase, brokers, "broker");
  reportReserved(reader, brokerRange, mode);
  reportOverlap(reader, [
    brokerRange,
    publishZookeeper
      ? readRange(reader, "zookeeperHostPort", zookeeperPort, zookeeperNodes, "ZooKeeper node")
      : undefined,
  ]);
  return {
    advertisedHost,
    hostBindAddress,
    hostPortBase,
    zookeeperHostPort: publishZookeeper ? zookeeperPort : undefined,
  };
}
