/**
 * Producer entry point: publishes a fake "user registered" event to the topic every
 * PRODUCER_INTERVAL_MS (3 s by default) until stopped or PRODUCER_COUNT is reached.
 * Exit codes: 0 after a clean stop (also when a signal arrives while a batch is still
 * unacknowledged: that is logged, and the process does not wait past the grace period),
 * 1 on a crash or when a counted run lost events, 2 on invalid configuration.
 */
import { loadAppConfig } from "../shared/app-config.js";
import { createKafka } from "../shared/kafka-connection.js";
import { createLogger } from "../shared/logger.js";
import { handleShutdownSignals, runApp } from "../shared/process-lifecycle.js";
import { createAppProducer } from "./kafka-producer.js";
import { runProducer } from "./run-producer.js";

async function main(): Promise<number> {
  const config = loadAppConfig(process.env, "producer");
  const logger = createLogger({ app: "producer", level: config.logLevel });
  const shutdown = handleShutdownSignals(logger);
  const { brokers, clientId, topic } = config;
  logger.info({ brokers, clientId, topic, ...config.producer }, "starting");

  const producer = createAppProducer(createKafka({ brokers, clientId, logger }), logger);
  return runProducer({ producer, brokers, topic, settings: config.producer, logger, shutdown });
}

runApp("producer", main);
