/**
 * The broker probe asked from the host: its ApiVersions request (kafka/api-versions.ts) sent to the port Docker
 * publishes for the broker's EXTERNAL listener, which costs next to nothing, where the same probe run by
 * `docker exec` costs about 0.1 s of CPU. Node built-ins only: readiness checks run inside dynamic providers.
 */
import { connect } from "node:net";
import { API_VERSIONS_REQUEST, isApiVersionsAnswer } from "../kafka/api-versions";

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
