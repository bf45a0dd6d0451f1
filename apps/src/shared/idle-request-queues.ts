/**
 * kafkajs 2.2.4, its last release, keeps two timers running on every connected broker connection, busy or not:
 * - the check of waiting requests reschedules itself every 1 ms while the queue is empty (kafkajs issues 1556
 *   and 1704); an idle producer woke 820 times a second for it and used 13-17 ms of CPU per second;
 * - the check of request timeouts runs every 100 ms from connect to disconnect, with nothing in flight too; a
 *   producer that sends every 3 s still woke about 20 times a second for it.
 * The patch keeps both checks for the requests they are about: the first only while requests wait, the second
 * only while requests are in flight, once a second (a request times out at most a second late).
 */
import { createRequire } from "node:module";

/** How often requests in flight are checked against their timeout (kafkajs: every 100 ms). */
export const REQUEST_TIMEOUT_CHECK_MS = 1_000;

interface InFlightRequest {
  sentAt: number;
  requestTimeout: number;
  timeoutRequest(): void;
}

interface RequestQueue {
  pending: unknown[];
  inflight: Map<number, InFlightRequest>;
  enforceRequestTimeout: boolean;
  requestTimeoutIntervalId: NodeJS.Timeout | null | undefined;
  isConnected(): boolean;
  destroy(): void;
  scheduleCheckPendingRequests(): void;
  scheduleRequestTimeoutCheck(): void;
  sendSocketRequest(request: unknown): void;
}

const require = createRequire(import.meta.url);
let quieted = false;
// Queues whose connection is up, so that their requests in flight are to be timed out.
const timedQueues = new WeakSet<RequestQueue>();

function stopTimeoutCheck(queue: RequestQueue): void {
  clearInterval(queue.requestTimeoutIntervalId ?? undefined);
  queue.requestTimeoutIntervalId = null;
}

// kafkajs' own check, run while something is in flight; it stops itself once nothing is, or the connection is down.
function startTimeoutCheck(queue: RequestQueue): void {
  queue.requestTimeoutIntervalId = setInterval(() => {
    const now = Date.now();
    queue.inflight.forEach((request) => {
      if (now - request.sentAt > request.requestTimeout) request.timeoutRequest();
    });
    if (queue.inflight.size === 0 || !queue.isConnected()) stopTimeoutCheck(queue);
  }, REQUEST_TIMEOUT_CHECK_MS);
}

/** Patches kafkajs' RequestQueue once per process; call before any client connects. */
export function quietIdleRequestQueues(): void {
  if (quieted) return;
  quieted = true;
  const { prototype } = require("kafkajs/src/network/requestQueue/index.js") as { prototype: RequestQueue };
  const { scheduleCheckPendingRequests, sendSocketRequest, destroy } = prototype;

  prototype.scheduleCheckPendingRequests = function (this: RequestQueue) {
    if (this.pending.length > 0) scheduleCheckPendingRequests.call(this);
  };
  // Called by the connection once it is up, where kafkajs starts its 100 ms check.
  prototype.scheduleRequestTimeoutCheck = function (this: RequestQueue) {
    if (!this.enforceRequestTimeout) return;
    this.destroy();
    timedQueues.add(this);
  };
  prototype.sendSocketRequest = function (this: RequestQueue, request: unknown) {
    sendSocketRequest.call(this, request);
    const checking = this.requestTimeoutIntervalId !== null && this.requestTimeoutIntervalId !== undefined;
    if (timedQueues.has(this) && this.inflight.size > 0 && !checking) startTimeoutCheck(this);
  };
  prototype.destroy = function (this: RequestQueue) {
    destroy.call(this);
    stopTimeoutCheck(this);
    timedQueues.delete(this);
  };
}
