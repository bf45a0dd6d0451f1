/**
 * What the consumer does with each record: parse it as a user-registration event and
 * print one `received` log line with its position and end-to-end latency. Records that
 * are not events are logged and skipped, so one bad record cannot block the partition.
 * A fetched batch is printed with one write: still one line per event, but not one
 * stdout write (syscall, Docker log message) per event.
 */
import type { IncomingRecord } from "../shared/kafka-client.js";
import type { Logger } from "../shared/logger.js";
import { InvalidEventError, parseUserEvent } from "../shared/user-event.js";

export interface ReceiveCounts {
  received: number;
  invalid: number;
}

export interface EventPrinter {
  /** Prints one line per record of the batch, all written at once at the end. */
  handleBatch(records: readonly IncomingRecord[]): void;
  handle(record: IncomingRecord): void;
  counts(): ReceiveCounts;
}

export function createEventPrinter(logger: Logger, now: () => number = Date.now): EventPrinter {
  const counts: ReceiveCounts = { received: 0, invalid: 0 };
  const handle = (out: Logger, record: IncomingRecord): void => {
    const position = { key: record.key, partition: record.partition, offset: record.offset };
    try {
      const event = parseUserEvent(record.value);
      counts.received += 1;
      out.info("received", {
        ...position,
        seq: event.seq,
        latencyMs: now() - event.sentAt,
        userId: event.userId,
        name: event.name,
        email: event.email,
        received: counts.received,
        invalid: counts.invalid,
      });
    } catch (error) {
      if (!(error instanceof InvalidEventError)) throw error;
      counts.invalid += 1;
      out.warn("skipped a record that is not a user event", {
        ...position,
        reason: error.message,
        received: counts.received,
        invalid: counts.invalid,
      });
    }
  };
  return {
    handleBatch(records) {
      const out = logger.buffered();
      try {
        for (const record of records) handle(out, record);
      } finally {
        // Lines of records handled before an unexpected error are still printed.
        out.flush();
      }
    },
    handle: (record) => handle(logger, record),
    counts: () => ({ ...counts }),
  };
}
