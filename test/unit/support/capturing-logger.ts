/**
 * An app logger (pino, as the apps create it) whose lines are parsed into objects instead of
 * written to stdout, so tests can assert on the exact fields a log collector would see.
 */
import { createLogger, type LogLevel, type Logger } from "../../../apps/src/shared/logger.js";

export type LogLine = Record<string, unknown>;

export function capturingLogger(
  app = "test",
  level: LogLevel = "info",
): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const destination = { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) };
  return { logger: createLogger({ app, level, destination }), lines };
}
