/**
 * The broker probe's request: an ApiVersions (v0) call, which a broker answers with its correlation id and
 * error code 0 only once it has registered and processes requests. Defined once, as bytes: the probe command
 * (healthchecks.ts) writes them with bash, and the Docker health source sends them from the host where a
 * broker's port is published (docker/published-port-probe.ts).
 */

const CORRELATION_ID = 1;

/** size 12 | api key 18 (ApiVersions) | version 0 | correlation id | client id "hc" (length 2). */
export const API_VERSIONS_REQUEST: readonly number[] = [
  ...[0, 0, 0, 12],
  ...[0, 18],
  ...[0, 0],
  ...[0, 0, 0, CORRELATION_ID],
  ...[0, 2, 0x68, 0x63],
];

/**
 * The first 10 bytes of a good answer in hex, with any size: the size's 4 bytes as `????????` (a shell
 * pattern), then the correlation id and error code 0.
 */
export const API_VERSIONS_ANSWER_PATTERN = `????????${CORRELATION_ID.toString(16).padStart(8, "0")}0000`;

/** Whether an answer's first 10 bytes carry the request's correlation id and error code 0. */
export function isApiVersionsAnswer(head: Buffer): boolean {
  return head.length >= 10 && head.readInt32BE(4) === CORRELATION_ID && head.readInt16BE(8) === 0;
}
