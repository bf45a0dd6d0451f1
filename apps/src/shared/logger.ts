/**
 * Structured logging: one JSON object per line with `time`, `level`, `app` and `msg`
 * first, then the caller's fields (counts, offsets, errors). Log collectors and the
 * tests parse these lines, so the shape is part of the apps' interface.
 */

export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  readonly level: LogLevel;
  isEnabled(level: LogLevel): boolean;
  /** A logger that adds `fields` to every line it writes. */
  child(fields: LogFields): Logger;
  /** A logger that keeps its lines until `flush()`, which writes them all at once. */
  buffered(): BufferedLogger;
}

export interface BufferedLogger extends Logger {
  /** Writes every kept line with one write call (nothing when empty). */
  flush(): void;
}

export interface LoggerOptions {
  app: string;
  level?: LogLevel;
  /**
   * Receives finished lines without the final newline: one line, or the lines of a
   * buffered logger's flush joined by "\n". Defaults to one stdout write per call.
   */
  write?: (line: string) => void;
  now?: () => Date;
}

const LEVEL_RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Turns an unknown thrown value into fields that survive JSON.stringify. */
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

// Values JSON cannot carry (bigint, Error) are converted instead of throwing mid-log.
function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Error) return errorFields(value);
  return value;
}

export function createLogger(options: LoggerOptions): Logger {
  const level = options.level ?? "info";
  const threshold = LEVEL_RANK[level];
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const now = options.now ?? (() => new Date());

  // Each write to a pipe is a syscall and, under Docker, a log-driver message; batches share one.
  const build = (bound: LogFields, sink: (line: string) => void): Logger => {
    const emit = (at: LogLevel, msg: string, fields?: LogFields): void => {
      if (LEVEL_RANK[at] < threshold) return;
      const record = { time: now().toISOString(), level: at, app: options.app, msg, ...bound, ...fields };
      sink(JSON.stringify(record, jsonReplacer));
    };
    return {
      level,
      debug: (msg, fields) => emit("debug", msg, fields),
      info: (msg, fields) => emit("info", msg, fields),
      warn: (msg, fields) => emit("warn", msg, fields),
      error: (msg, fields) => emit("error", msg, fields),
      isEnabled: (at) => LEVEL_RANK[at] >= threshold,
      child: (fields) => build({ ...bound, ...fields }, sink),
      buffered: () => {
        const lines: string[] = [];
        const flush = (): void => {
          if (lines.length === 0) return;
          write(lines.join("\n"));
          lines.length = 0;
        };
        return { ...build(bound, (line) => lines.push(line)), flush };
      },
    };
  };
  return build({}, write);
}
