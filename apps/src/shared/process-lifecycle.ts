/**
 * Process-level behaviour shared by both apps: SIGTERM/SIGINT start a graceful shutdown,
 * a second signal or an overrun grace period forces the exit, and any crash ends the
 * process with a non-zero code and one clear structured log line, so Docker's restart
 * policy can take over.
 */
import { ConfigError } from "./config-rules.js";
import { createLogger, errorFields, type Logger } from "./logger.js";

/** Below Docker's default 10 s stop timeout, so our own exit wins over SIGKILL. */
export const SHUTDOWN_GRACE_MS = 8_000;

export const EXIT_OK = 0;
export const EXIT_CRASH = 1;
export const EXIT_BAD_CONFIG = 2;

export interface ShutdownSignal {
  /** Aborted on the first SIGTERM or SIGINT. */
  readonly signal: AbortSignal;
  /** Resolves on the first SIGTERM or SIGINT. */
  readonly requested: Promise<void>;
}

export function handleShutdownSignals(logger: Logger, graceMs = SHUTDOWN_GRACE_MS): ShutdownSignal {
  const controller = new AbortController();
  let resolveRequested: () => void = () => undefined;
  const requested = new Promise<void>((resolve) => (resolveRequested = resolve));

  const onSignal = (name: NodeJS.Signals): void => {
    if (controller.signal.aborted) {
      logger.warn({ signal: name }, "second signal received; exiting without finishing the shutdown");
      process.exit(EXIT_CRASH);
    }
    logger.info({ signal: name, graceMs }, "shutdown requested");
    controller.abort();
    resolveRequested();
    const timer = setTimeout(() => {
      logger.error({ graceMs }, "shutdown did not finish in time; exiting");
      process.exit(EXIT_CRASH);
    }, graceMs);
    timer.unref();
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
  return { signal: controller.signal, requested };
}

/** Resolves `work` unless shutdown is requested first, in which case it resolves `undefined`. */
export async function unlessShutdown<T>(work: Promise<T>, shutdown: ShutdownSignal): Promise<T | undefined> {
  return Promise.race([work, shutdown.requested.then(() => undefined)]);
}

/**
 * Runs an app's main function and turns its outcome into the process exit code:
 * its return value, 2 for invalid configuration, 1 for anything thrown or unhandled.
 */
export function runApp(app: string, main: () => Promise<number>): void {
  // Until the config is read, the log level is unknown; errors are always printed.
  const fallback = createLogger({ app });
  const crash = (msg: string, error: unknown): never => {
    fallback.error(errorFields(error), msg);
    process.exit(EXIT_CRASH);
  };
  process.on("uncaughtException", (error) => crash("uncaught exception; exiting", error));
  process.on("unhandledRejection", (reason) => crash("unhandled promise rejection; exiting", reason));

  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof ConfigError) {
        fallback.error(
          { problems: error.problems },
          "invalid configuration; fix the environment and restart",
        );
        process.exit(EXIT_BAD_CONFIG);
      }
      crash(`${app} crashed; exiting`, error);
    },
  );
}
