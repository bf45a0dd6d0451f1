/**
 * Probes that make a real client call, so that "healthy" (which the readiness gates wait for) means
 * "serving" rather than "process started". Neither Confluent image defines one. Each probe is a command
 * run inside the container that exits 0 only while the server serves; each platform renders it into its
 * own check (docker/healthcheck.ts).
 */
import { API_VERSIONS_ANSWER_PATTERN, API_VERSIONS_REQUEST } from "./api-versions";
import { INTERNAL_PORT, ZOOKEEPER_CLIENT_PORT } from "./listeners";

/**
 * `srvr` is the one four-letter command ZooKeeper allows by default; a server answers with its
 * `Mode:` (standalone, leader, follower) only while it serves clients, i.e. once an ensemble has
 * a quorum. Bash's /dev/tcp needs no client tools, so the check works in any image with bash.
 */
export function zookeeperProbe(): string[] {
  return [
    "bash",
    "-c",
    `exec 3<>/dev/tcp/127.0.0.1/${ZOOKEEPER_CLIENT_PORT} && printf srvr >&3 && grep -q '^Mode: ' <&3`,
  ];
}

/** Bytes as a printf format: letters and digits as they are, everything else as \xNN. */
function printfBytes(bytes: readonly number[]): string {
  return bytes
    .map((byte) => {
      const char = String.fromCharCode(byte);
      return /[A-Za-z0-9]/.test(char) ? char : `\\x${byte.toString(16).padStart(2, "0")}`;
    })
    .join("");
}

/**
 * An ApiVersions (v0) request over the INTERNAL listener (api-versions.ts), written and read with bash's
 * /dev/tcp: the answer carries the request's correlation id and error code 0 only once the broker has
 * registered and processes requests. It is what `kafka-broker-api-versions` asks, without a JVM start
 * (2-4 s of CPU per probe).
 */
export function brokerProbe(): string[] {
  return [
    "bash",
    "-c",
    `exec 3<>/dev/tcp/127.0.0.1/${INTERNAL_PORT} && printf '${printfBytes(API_VERSIONS_REQUEST)}' >&3 && ` +
      `r=$(head -c 10 <&3 | od -An -tx1 | tr -d ' \\n') && [[ $r == ${API_VERSIONS_ANSWER_PATTERN} ]]`,
  ];
}
