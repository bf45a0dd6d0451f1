/**
 * kafkajs 2.2.4, its last release, keeps a 1 ms timer running on every broker connection whose request queue is
 * empty: the queue's check of waiting requests reschedules itself with a negative delay (kafkajs issues 1556 and
 * 1704). An idle producer woke 820 times a second and used 13-17 ms of CPU per second for it. The check only
 * matters while requests wait, and `push` schedules it whenever one starts to wait, so with none waiting it is
 * now not rescheduled.
 */
import { createRequire } from "node:module";

interface RequestQueue {
  pending: unknown[];
  scheduleCheckPendingRequests(this: RequestQueue): void;
}

const require = createRequire(import.meta.url);
let quieted = false;

/** Patches kafkajs' RequestQueue once per process; call before any client connects. */
export function quietIdleRequestQueues(): void {
  if (quieted) return;
  quieted = true;
  const { prototype } = require("kafkajs/src/network/requestQueue/index.js") as { prototype: RequestQueue };
  const schedule = prototype.scheduleCheckPendingRequests;
  prototype.scheduleCheckPendingRequests = function (this: RequestQueue) {
    if (this.pending.length > 0) schedule.call(this);
  };
}
