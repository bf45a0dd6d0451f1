/**
 * Routes kafkajs' own log output through our structured logger, so library messages
 * (connection retries, rebalances, crashes) share the apps' one-JSON-object-per-line format.
 */
import { logLevel as KafkaLogLevel, type LogEntry, type logCreator } from "kafkajs";
import type { LogFields, Logger, LogLevel } from "./logger.js";

const TO_KAFKA: Record<LogLevel, KafkaLogLevel> = {
  debug: KafkaLogLevel.DEBUG,
  info: KafkaLogLevel.INFO,
  warn: KafkaLogLevel.WARN,
  error: KafkaLogLevel.ERROR,
};

export function toKafkaLogLevel(level: LogLevel): KafkaLogLevel {
  return TO_KAFKA[level];
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
      const fields: LogFields = { namespace, ...extra };
      kafkaLogger[ours](String(message), fields);
    };
}
