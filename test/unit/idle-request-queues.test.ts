/**
 * kafkajs 2.2.4's request queues keep a 1 ms timer running while no request waits; the apps' patch
 * (apps/src/shared/idle-request-queues.ts) stops that and keeps the check for requests that wait.
 */
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import * as path from "node:path";
import { test } from "node:test";
import { quietIdleRequestQueues } from "../../apps/src/shared/idle-request-queues.js";

interface Queue {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

// The RequestQueue the apps' module patches: resolved from where that module is.
const appsRequire = createRequire(path.join(__dirname, "../../apps/src/shared/idle-request-queues.ts"));
const RequestQueue = appsRequire("kafkajs/src/network/requestQueue/index.js") as new (
  options: object,
) => Queue;
const silent = { debug() {}, info() {}, warn() {}, error() {} };

function queue(): Queue {
  return new RequestQueue({
    maxInFlightRequests: null,
    requestTimeout: 30_000,
    clientId: "t",
    broker: "b",
    logger: silent,
  });
}

test("an empty request queue schedules no check once quieted; one with a waiting request still does", () => {
  const before = queue();
  before.checkPendingRequests();
  assert.notEqual(
    before.throttleCheckTimeoutId,
    null,
    "kafkajs 2.2.4 reschedules the check of an empty queue",
  );
  clearTimeout(before.throttleCheckTimeoutId ?? undefined);

  quietIdleRequestQueues();
  const idle = queue();
  idle.checkPendingRequests();
  assert.equal(idle.throttleCheckTimeoutId, null);

  const throttled = queue();
  throttled.pending.push({});
  throttled.throttledUntil = Date.now() + 60_000;
  throttled.scheduleCheckPendingRequests();
  assert.notEqual(throttled.throttleCheckTimeoutId, null, "a waiting request is still checked");
  clearTimeout(throttled.throttleCheckTimeoutId ?? undefined);
});
