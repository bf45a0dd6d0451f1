/**
 * Routes kafkajs' own log output through our structured logger, so library messages
 * (connection retries, rebalances, crashes) share the apps' one-JSON-object-per-line format.
 */
import { logLevel as KafkaLogLevel, type LogEntry, type logCreator } from "kafkajs";
import type { LogLevel, Logger } from "./logger.js";

/** kafkajs filters by its own level before calling us, so it gets the logger's threshold. */
export function toKafkaLogLevel(logger: Logger): KafkaLogLevel {
  if (logger.isLevelEnabled("debug")) return KafkaLogLevel.DEBUG;
  if (logger.isLevelEnabled("info")) return KafkaLogLevel.INFO;
  if (logger.isLevelEnabled("warn")) return KafkaLogLevel.WARN;
  return KafkaLogLevel.ERROR;
}

function fromKafka(level: KafkaLogLevel): LogLevel | undefined {
  switch (level) {
    case KafkaLogLevel.ERROR:
      return "error";
    case KafkaLogLevel.WARN:
      return "warn";
    case KafkaLogLevel.INFO:
      return "info";
    case KafkaLogLevel.DEBUG:
      return "debug";
    default:
      return undefined;
  }
}

export function createKafkaLogCreator(logger: Logger): logCreator {
  const kafkaLogger = logger.child({ component: "kafkajs" });
  return () =>
    ({ namespace, level, log }: LogEntry) => {
      const ours = fromKafka(level);
      if (ours === undefined) return;
      // kafkajs puts its own timestamp and logger name in every entry; ours replace them.
      const { message, timestamp: _timestamp, logger: _logger, ...extra } = log;
      kafkaLogger[ours]({ namespace, ...extra }, String(message));
    };
}
