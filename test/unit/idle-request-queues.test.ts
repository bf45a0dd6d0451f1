/**
 * kafkajs 2.2.4's request queues keep a 1 ms timer running while no request waits, and a 100 ms check of
 * request timeouts while nothing is in flight; the apps' patch (apps/src/shared/idle-request-queues.ts) keeps
 * each check only for the requests it is about.
 */
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import * as path from "node:path";
import { mock, test } from "node:test";
import {
  quietIdleRequestQueues,
  REQUEST_TIMEOUT_CHECK_MS,
} from "../../apps/src/shared/idle-request-queues.js";

interface Queue {
  pending: unknown[];
  inflight: Map<number, { sentAt: number }>;
  requestTimeoutIntervalId: NodeJS.Timeout | null | undefined;
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
  scheduleRequestTimeoutCheck(): void;
  push(request: object): void;
  fulfillRequest(response: { correlationId: number; payload: Buffer; size: number }): void;
  destroy(): void;
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
    enforceRequestTimeout: true,
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

/** Pushes a request that expects a response; resolves to how it ended. */
function send(target: Queue, correlationId: number): Promise<string> {
  return new Promise((resolve) => {
    const entry = { correlationId, apiName: "Fetch", apiKey: 1, apiVersion: 11, resolve, reject: resolve };
    target.push({ entry, expectResponse: true, sendRequest: () => undefined });
  }).then((outcome) => (outcome instanceof Error ? outcome.name : "answered"));
}

test("request timeouts are checked once a second while a request is in flight, and not at all without one", async () => {
  quietIdleRequestQueues();
  mock.timers.enable({ apis: ["setInterval"] });
  try {
    const connected = queue();
    connected.scheduleRequestTimeoutCheck();
    assert.equal(connected.requestTimeoutIntervalId ?? null, null, "nothing in flight, nothing checked");

    const answered = send(connected, 1);
    assert.notEqual(connected.requestTimeoutIntervalId ?? null, null, "a request in flight is checked");
    connected.fulfillRequest({ correlationId: 1, payload: Buffer.alloc(0), size: 0 });
    assert.equal(await answered, "answered");
    mock.timers.tick(REQUEST_TIMEOUT_CHECK_MS);
    assert.equal(connected.requestTimeoutIntervalId, null, "the check stops once nothing is in flight");

    const late = send(connected, 2);
    const request = connected.inflight.get(2);
    assert.ok(request !== undefined);
    request.sentAt -= 31_000;
    mock.timers.tick(REQUEST_TIMEOUT_CHECK_MS);
    assert.equal(await late, "KafkaJSRequestTimeoutError", "a request past its timeout fails");
    assert.equal(connected.inflight.size, 0);

    connected.destroy();
    void send(connected, 3).catch(() => undefined);
    assert.equal(connected.requestTimeoutIntervalId ?? null, null, "a disconnected queue is not checked");
  } finally {
    mock.timers.reset();
  }
});
