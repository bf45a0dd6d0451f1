/**
 * The broker probe's request: an ApiVersions (v0) call, which a broker answers with its correlation id and
 * error code 0 only once it has registered and processes requests. Defined once, as bytes: the probe command
 * (healthchecks.ts) writes them with bash, and brokerAnswers sends them from the host where a broker's port is
 * published. Node built-ins only: readiness checks run inside dynamic providers.
 */
import { connect } from "node:net";

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

/** Whether the broker at `host:port` answers the probe's request within `timeoutMs`; never throws. */
export function brokerAnswers(address: string, timeoutMs: number): Promise<boolean> {
  const separator = address.lastIndexOf(":");
  const host = address.slice(0, separator);
  const port = Number(address.slice(separator + 1));
  return new Promise((resolve) => {
    let received = Buffer.alloc(0);
    const socket = connect({ host, port });
    const done = (answered: boolean) => {
      socket.destroy();
      resolve(answered);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("error", () => done(false));
    socket.once("close", () => done(false));
    socket.on("connect", () => socket.write(Buffer.from(API_VERSIONS_REQUEST)));
    socket.on("data", (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= 10) done(isApiVersionsAnswer(received));
    });
  });
}
