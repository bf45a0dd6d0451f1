/**
 * Producer entry point: publishes a fake "user registered" event to the topic every
 * PRODUCER_INTERVAL_MS (3 s by default) until stopped or PRODUCER_COUNT is reached.
 * Exit codes: 0 after a clean stop, 1 on a crash or when a counted run lost events,
 * 2 on invalid configuration.
 */
import { loadAppConfig } from "../shared/app-config.js";
import { createKafkaClient } from "../shared/kafka-client.js";
import { createLogger } from "../shared/logger.js";
import {
  EXIT_CRASH,
  EXIT_OK,
  handleShutdownSignals,
  runApp,
  unlessShutdown,
} from "../shared/process-lifecycle.js";
import { createUserEventFactory } from "../shared/user-event.js";
import { runSendLoop } from "./send-loop.js";

async function main(): Promise<number> {
  const config = loadAppConfig(process.env, "producer");
  const logger = createLogger({ app: "producer", level: config.logLevel });
  const shutdown = handleShutdownSignals(logger);
  const { brokers, clientId, topic } = config;
  logger.info("starting", { brokers, clientId, topic, ...config.producer });

  const producer = createKafkaClient({ brokers, clientId, logger }).producer();
  const connected = await unlessShutdown(
    producer.connect().then(() => true),
    shutdown,
  );
  if (connected === undefined) {
    logger.info("stopped before connecting to the cluster");
    return EXIT_OK;
  }
  logger.info("connected", { brokers });

  const stats = await runSendLoop({
    producer,
    events: createUserEventFactory({ targetSizeBytes: config.producer.eventSizeBytes }),
    topic,
    settings: config.producer,
    logger,
    signal: shutdown.signal,
  });
  logger.info("summary", { ...stats, topic, stoppedBy: shutdown.signal.aborted ? "signal" : "count" });

  await producer.disconnect();
  logger.info("disconnected");
  const lostEvents = !shutdown.signal.aborted && stats.failed > 0;
  return lostEvents ? EXIT_CRASH : EXIT_OK;
}

runApp("producer", main);
