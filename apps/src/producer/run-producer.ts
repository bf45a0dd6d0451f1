/**
 * The producer app without the process around it (environment, signals, exit), so tests can
 * run it with a fake producer: connect, run the send loop, disconnect, choose the exit code.
 */
import type { ProducerSettings } from "../shared/app-config.js";
import { errorFields, type Logger } from "../shared/logger.js";
import { EXIT_CRASH, EXIT_OK, unlessShutdown, type ShutdownSignal } from "../shared/process-lifecycle.js";
import type { AppProducer } from "./kafka-producer.js";
import { runSendLoop } from "./send-loop.js";
import { createUserEventFactory } from "./user-event-factory.js";

/** How long a disconnect may take before we exit anyway; with the in-flight grace, below SHUTDOWN_GRACE_MS. */
export const DISCONNECT_TIMEOUT_MS = 2_000;

export interface RunProducerOptions {
  producer: AppProducer;
  brokers: readonly string[];
  topic: string;
  settings: ProducerSettings;
  logger: Logger;
  shutdown: ShutdownSignal;
  inFlightGraceMs?: number;
  disconnectTimeoutMs?: number;
}

/** Returns the exit code: 0 after a clean stop (signal or count reached), 1 when a counted run lost events. */
export async function runProducer(options: RunProducerOptions): Promise<number> {
  const { producer, brokers, topic, settings, logger, shutdown } = options;
  const connected = await unlessShutdown(
    producer.connect().then(() => true),
    shutdown,
  );
  if (connected === undefined) {
    logger.info("stopped before connecting to the cluster");
    return EXIT_OK;
  }
  logger.info({ brokers }, "connected");

  const stats = await runSendLoop({
    producer,
    events: createUserEventFactory({ targetSizeBytes: settings.eventSizeBytes }),
    topic,
    settings,
    logger,
    signal: shutdown.signal,
    ...(options.inFlightGraceMs === undefined ? {} : { inFlightGraceMs: options.inFlightGraceMs }),
  });
  logger.info({ ...stats, topic, stoppedBy: shutdown.signal.aborted ? "signal" : "count" }, "summary");

  const disconnectTimeoutMs = options.disconnectTimeoutMs ?? DISCONNECT_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  const disconnected = await Promise.race([
    producer.disconnect().then(
      () => true,
      (error: unknown) => {
        logger.warn(errorFields(error), "disconnect failed");
        return false;
      },
    ),
    new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), disconnectTimeoutMs))),
  ]);
  clearTimeout(timer);
  if (disconnected === true) logger.info("disconnected");
  else if (disconnected === undefined)
    logger.warn({ disconnectTimeoutMs }, "disconnect did not finish in time; exiting");

  const lostEvents = !shutdown.signal.aborted && stats.failed > 0;
  return lostEvents ? EXIT_CRASH : EXIT_OK;
}
