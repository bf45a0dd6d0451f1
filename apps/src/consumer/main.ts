/**
 * Consumer entry point: joins the consumer group, prints every event on the topic as a
 * structured `received` line and commits offsets as it goes and once more on shutdown.
 * Exit codes: 0 after a clean stop, 1 when the Kafka client gives up (so Docker's
 * restart policy starts a fresh process), 2 on invalid configuration.
 */
import { loadAppConfig } from "../shared/app-config.js";
import { createKafka } from "../shared/kafka-connection.js";
import { createLogger, errorFields } from "../shared/logger.js";
import {
  EXIT_CRASH,
  EXIT_OK,
  handleShutdownSignals,
  runApp,
  unlessShutdown,
} from "../shared/process-lifecycle.js";
import { createEventPrinter } from "./event-printer.js";
import { createAppConsumer } from "./kafka-consumer.js";

async function main(): Promise<number> {
  const config = loadAppConfig(process.env, "consumer");
  const logger = createLogger({ app: "consumer", level: config.logLevel });
  const shutdown = handleShutdownSignals(logger);
  const { brokers, clientId, topic } = config;
  const { groupId, fromBeginning } = config.consumer;
  logger.info({ brokers, clientId, topic, groupId, fromBeginning }, "starting");

  const consumer = createAppConsumer(createKafka({ brokers, clientId, logger }), groupId, logger);
  const printer = createEventPrinter(logger);

  // Retriable failures are restarted by the client itself; a crash without restart is final.
  const gaveUp = new Promise<void>((resolve) => {
    consumer.onCrash(({ error, restart }) => {
      const fields = { ...errorFields(error), restart, groupId };
      if (restart) {
        logger.warn(fields, "consumer crashed; the client restarts it");
        return;
      }
      logger.error(fields, "consumer crashed and the client gave up; exiting for a restart");
      resolve();
    });
  });

  const started = await unlessShutdown(
    (async () => {
      await consumer.connect();
      await consumer.subscribe(topic, { fromBeginning });
      await consumer.run((records) => printer.handleBatch(records));
      return true;
    })(),
    shutdown,
  );
  if (started !== undefined) {
    logger.info({ topic, groupId }, "consuming");
    await Promise.race([shutdown.requested, gaveUp]);
  }

  const crashed = !shutdown.signal.aborted;
  try {
    await consumer.disconnect();
  } catch (error) {
    logger.warn(errorFields(error), "disconnect failed");
  }
  logger.info({ ...printer.counts(), topic, groupId, stoppedBy: crashed ? "crash" : "signal" }, "summary");
  return crashed ? EXIT_CRASH : EXIT_OK;
}

runApp("consumer", main);
