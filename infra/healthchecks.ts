/**
 * Healthchecks that make a real client call, so `wait: true` on a container means "serving"
 * rather than "process started". Neither Confluent image defines one.
 */
import type * as docker from "@pulumi/docker";
import { INTERNAL_PORT, ZOOKEEPER_CLIENT_PORT } from "./listeners";

/** How long `pulumi up` waits for one container to report healthy before failing. */
export const WAIT_TIMEOUT_SECONDS = 300;

/**
 * `destroyGraceSeconds` of the containers. Without it the docker provider removes a container with
 * force, i.e. SIGKILL. With it, the provider's delete (on destroy and on replacement) first stops
 * the container as `docker stop --time N` does (SIGTERM, then SIGKILL after N seconds if it still
 * runs) and only then removes it. A broker gets time for a controlled shutdown (leadership moved,
 * logs flushed, its ZooKeeper session closed, so a replacement does not meet `NodeExists` at
 * /brokers/ids nor recover its logs); ZooKeeper time to close its sessions; the consumer time to
 * commit its offsets and leave its group.
 */
export const SERVER_STOP_GRACE_SECONDS = 30;
export const APP_STOP_GRACE_SECONDS = 10;

/**
 * `srvr` is the one four-letter command ZooKeeper allows by default; a server answers with its
 * `Mode:` (standalone, leader, follower) only while it serves clients, i.e. once an ensemble has
 * a quorum. Bash's /dev/tcp needs no client tools, so the check works in any image with bash.
 */
export function zookeeperHealthcheck(): docker.types.input.ContainerHealthcheck {
  return {
    tests: [
      "CMD",
      "bash",
      "-c",
      `exec 3<>/dev/tcp/127.0.0.1/${ZOOKEEPER_CLIENT_PORT} && printf srvr >&3 && grep -q '^Mode: ' <&3`,
    ],
    interval: "5s",
    timeout: "10s",
    retries: 12,
    startPeriod: "5s",
  };
}

/**
 * An ApiVersions round trip over the INTERNAL listener: it succeeds only once the broker has
 * registered and accepts requests. The tool starts a JVM (2-4 s), hence the generous timeout.
 * Tools read the heap from KAFKA_HEAP_OPTS, which the container sets for the broker; the check
 * gets a small one so that it never competes with the broker for the container's memory limit.
 */
export function brokerHealthcheck(): docker.types.input.ContainerHealthcheck {
  return {
    tests: [
      "CMD",
      "bash",
      "-c",
      `KAFKA_HEAP_OPTS=-Xmx64m exec kafka-broker-api-versions --bootstrap-server 127.0.0.1:${INTERNAL_PORT} >/dev/null`,
    ],
    interval: "5s",
    timeout: "20s",
    retries: 20,
    startPeriod: "10s",
  };
}
