/**
 * `npm run status [-- STACK] [--json] [--watch]`: the stack's cluster at a glance, with a one-line verdict
 * first and an exit code that says the same (0 healthy, 1 degraded, 2 down; 64 for a bad command line).
 * --watch reads it again every second until interrupted and exits with the last verdict's code.
 */
import { parseArgs } from "node:util";
import { renderJson } from "./json-renderer";
import { readStatus, type KnownStack, type StatusReading } from "./read-status";
import { chosenStack } from "./stack-outputs";
import { renderText } from "./text-renderer";

const USAGE = "usage: npm run status [-- [STACK] [--json] [--watch]]";
const BAD_USAGE_EXIT = 64;
const WATCH_INTERVAL_MS = 1000;
/** Moves the cursor home and clears the terminal, so each reading of a watch replaces the one before. */
const CLEAR_SCREEN = "\x1b[H\x1b[2J";

interface Options {
  stack: string;
  json: boolean;
  watch: boolean;
}

function options(argv: string[]): Options {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: "boolean", default: false }, watch: { type: "boolean", default: false } },
  });
  if (positionals.length > 1) throw new Error(`one stack at most, got ${positionals.join(" ")}`);
  return { stack: chosenStack(positionals[0]), json: values.json, watch: values.watch };
}

function print(options: Options, reading: StatusReading): void {
  const { verdict, report } = reading;
  if (options.json) {
    process.stdout.write(`${renderJson(options.stack, verdict, report)}\n`);
  } else {
    process.stdout.write(`${options.watch ? CLEAR_SCREEN : ""}${renderText(verdict, report)}\n`);
  }
}

async function watch(options: Options): Promise<never> {
  let exitCode = 2;
  const stop = () => process.exit(exitCode);
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  let known: KnownStack | undefined;
  for (;;) {
    const started = Date.now();
    const reading = await readStatus(options.stack, known);
    known = reading.known;
    exitCode = reading.verdict.exitCode;
    print(options, reading);
    // A second between two readings of the cluster; the first reading also read the stack outputs.
    const readAt = reading.report === undefined ? started : Date.parse(reading.report.readAt);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, readAt + WATCH_INTERVAL_MS - Date.now())));
  }
}

async function main(): Promise<number> {
  let parsed: Options;
  try {
    parsed = options(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`status: ${(error as Error).message}\n${USAGE}\n`);
    return BAD_USAGE_EXIT;
  }
  if (parsed.watch) return watch(parsed);
  const reading = await readStatus(parsed.stack);
  print(parsed, reading);
  return reading.verdict.exitCode;
}

main().then(
  // exit rather than wait: an admin client that gave no answer in time may still be retrying.
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`down: the status could not be read: ${error.message.split("\n")[0]}\n`);
    process.exit(2);
  },
);
