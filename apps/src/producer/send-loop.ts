/**
 * The producer's work: make events, send them in batches at the configured pace, count
 * what was acknowledged and what failed, and stop on the count limit or on shutdown.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { ProducerSettings } from "../shared/app-config.js";
import { errorFields, type LogFields, type Logger } from "../shared/logger.js";
import type { AppProducer } from "./kafka-producer.js";
import { encodeUserEvent, type UserEventFactory } from "./user-event-factory.js";

export interface SendLoopOptions {
  producer: AppProducer;
  events: UserEventFactory;
  topic: string;
  settings: ProducerSettings;
  logger: Logger;
  /**
   * Aborting stops the loop after the batch in flight, waiting at most inFlightGraceMs for
   * its acknowledgement; after that its events count as unacknowledged.
   */
  signal: AbortSignal;
  inFlightGraceMs?: number;
  /** The clock the schedule is kept by; Date.now unless a test steps it. */
  now?: () => number;
  /** Waits between batches, cut short by the signal; a real timer unless a test records the waits. */
  pause?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** Well inside SHUTDOWN_GRACE_MS, leaving time to disconnect and exit on our own. */
export const IN_FLIGHT_GRACE_MS = 3_000;

export interface SendStats {
  sent: number;
  failed: number;
  /** Events of the batch in flight at shutdown that were not acknowledged in time. */
  unacknowledged: number;
  bytes: number;
  elapsedMs: number;
  eventsPerSecond: number;
}

async function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return;
  try {
    await sleep(ms, undefined, { signal });
  } catch {
    // Aborted: the loop condition sees the signal and ends.
  }
}

// How far behind its schedule the producer may be and still catch up: a second, or one interval if longer.
const MAX_CATCH_UP_MS = 1000;

/**
 * When the next batch is due: one interval after the last one was due, so batches whose acknowledgements ran
 * late are made up by sending the next ones at once; no more than MAX_CATCH_UP_MS (or one interval) is made
 * up, so an outage is not followed by a burst.
 */
export function nextDue(lastDue: number, now: number, intervalMs: number): number {
  return Math.max(lastDue + intervalMs, now - Math.max(intervalMs, MAX_CATCH_UP_MS));
}

type SendOutcome<T> =
  { status: "sent"; value: T } | { status: "failed"; error: unknown } | { status: "abandoned" };

/** Waits for a send; once `signal` aborts, for at most `graceMs` more. */
async function awaitSend<T>(send: Promise<T>, signal: AbortSignal, graceMs: number): Promise<SendOutcome<T>> {
  const settled = send.then(
    (value): SendOutcome<T> => ({ status: "sent", value }),
    (error: unknown): SendOutcome<T> => ({ status: "failed", error }),
  );
  let timer: NodeJS.Timeout | undefined;
  let startGrace: () => void = () => undefined;
  const abandoned = new Promise<SendOutcome<T>>((resolve) => {
    startGrace = () => (timer = setTimeout(() => resolve({ status: "abandoned" }), graceMs));
  });
  if (signal.aborted) startGrace();
  else signal.addEventListener("abort", startGrace, { once: true });
  try {
    return await Promise.race([settled, abandoned]);
  } finally {
    clearTimeout(timer);
    signal.removeEventListener("abort", startGrace);
  }
}

export async function runSendLoop(options: SendLoopOptions): Promise<SendStats> {
  const { producer, events, topic, settings, logger, signal } = options;
  const now = options.now ?? Date.now;
  const wait = options.pause ?? pause;
  const inFlightGraceMs = options.inFlightGraceMs ?? IN_FLIGHT_GRACE_MS;
  const started = now();
  let sent = 0;
  let failed = 0;
  let unacknowledged = 0;
  let bytes = 0;
  const remaining = (): number =>
    settings.count === 0 ? settings.batchSize : Math.min(settings.batchSize, settings.count - sent - failed);

  let due = started;
  while (!signal.aborted && remaining() > 0) {
    const batch = Array.from({ length: remaining() }, () => events.next());
    const records = batch.map(encodeUserEvent);
    const lastSeq = batch[batch.length - 1]?.seq;
    const outcome = await awaitSend(producer.sendBatch(topic, records), signal, inFlightGraceMs);
    if (outcome.status === "abandoned") {
      // Shutting down: the send may still succeed or fail, but we no longer wait for it.
      unacknowledged = records.length;
      logger.warn(
        { seq: lastSeq, unacknowledged, inFlightGraceMs, sent, failed },
        "stopped waiting for the batch in flight; its events are unacknowledged",
      );
      break;
    }
    if (outcome.status === "sent") {
      const reports = outcome.value;
      sent += records.length;
      const batchBytes = records.reduce((sum, record) => sum + Buffer.byteLength(record.value), 0);
      bytes += batchBytes;
      const fields: LogFields = { seq: lastSeq, records: records.length, bytes: batchBytes, sent, failed };
      const [first] = records;
      const [report] = reports;
      if (records.length === 1 && first !== undefined && report !== undefined) {
        Object.assign(fields, { key: first.key, partition: report.partition, offset: report.baseOffset });
      }
      logger.info(fields, "sent");
    } else {
      failed += records.length;
      logger.error(
        { seq: lastSeq, records: records.length, sent, failed, ...errorFields(outcome.error) },
        "send failed",
      );
    }
    // A fixed rate: batches are due one interval apart, acknowledgement included.
    due = nextDue(due, now(), settings.intervalMs);
    await wait(due - now(), signal);
  }

  const elapsedMs = Math.max(now() - started, 1);
  return {
    sent,
    failed,
    unacknowledged,
    bytes,
    elapsedMs,
    eventsPerSecond: Math.round((sent * 1000 * 10) / elapsedMs) / 10,
  };
}
