/**
 * What the producer and consumer containers are told, whatever runs them: the environment of the apps'
 * contract (apps/src/shared/app-contract.ts), typed against it so that a misspelt variable does not compile,
 * and how a container restarts.
 */
import {
  APP_SETTINGS,
  defaultClientId,
  readsSetting,
  STACK_SET_NAMES,
  type AppEnvironment,
  type AppName,
  type StackAppSettings,
} from "../../apps/src/shared/app-contract.js";

/** The environment `app` reads: where the brokers are, its client id and the stack's settings it reads. */
export function appEnvironment(
  app: AppName,
  settings: StackAppSettings,
  internalBootstrapServers: string,
): AppEnvironment {
  const environment: AppEnvironment = {
    KAFKA_BROKERS: internalBootstrapServers,
    KAFKA_CLIENT_ID: defaultClientId(app),
  };
  for (const name of STACK_SET_NAMES) {
    if (readsSetting(app, name)) environment[APP_SETTINGS[name].variable] = String(settings[name]);
  }
  return environment;
}

/**
 * How Docker restarts an app, and whether the provider keeps it running. A producer with a count
 * (count > 0) exits 0 once it has sent them: it restarts only after a failure, and `mustRun: false`
 * keeps a later `pulumi up` from starting the finished producer again. Everything else runs until stopped.
 */
export function appRestart(
  app: AppName,
  settings: Pick<StackAppSettings, "count">,
): { restart: string; mustRun: boolean } {
  if (app === "producer" && settings.count > 0) return { restart: "on-failure", mustRun: false };
  return { restart: "unless-stopped", mustRun: true };
}
