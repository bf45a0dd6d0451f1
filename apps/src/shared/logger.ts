/**
 * Structured logging with pino: one JSON object per line with `level` (a name such as "info"),
 * `time` (ISO 8601), `app` and `msg`, plus the caller's fields. Log collectors, the image tests
 * and the benchmark parse these lines, so those field names are part of the apps' interface.
 */
import { pino, type DestinationStream, type Logger } from "pino";
import type { LogLevel } from "./app-contract.js";

export type { Logger } from "pino";
export type { LogLevel } from "./app-contract.js";

export type LogFields = Record<string, unknown>;

export interface LoggerOptions {
  app: string;
  level?: LogLevel;
  /** Where lines go (each write is one line ending in "\n"); tests pass a collector. Defaults to stdout. */
  destination?: DestinationStream;
}

let stdout: DestinationStream | undefined;

/**
 * Asynchronous stdout, shared by every logger of the process so their lines never interleave
 * mid-line. Lines logged while a write is in progress go out together in the next one, so a
 * fetched batch costs a few writes rather than one per event; pino flushes the rest on exit.
 */
function stdoutDestination(): DestinationStream {
  stdout ??= pino.destination({ dest: 1, sync: false });
  return stdout;
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? "info",
      base: { app: options.app },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination ?? stdoutDestination(),
  );
}

/**
 * Turns an unknown thrown value into flat fields (`error`, `errorName`, `retriable`, `cause`);
 * a stack trace per retried Kafka request would drown the lines that matter.
 */
export function errorFields(error: unknown): LogFields {
  if (error instanceof Error) {
    const fields: LogFields = { error: error.message, errorName: error.name };
    const retriable = (error as { retriable?: unknown }).retriable;
    if (typeof retriable === "boolean") fields.retriable = retriable;
    if (error.cause !== undefined) fields.cause = errorFields(error.cause).error;
    return fields;
  }
  return { error: String(error) };
}
