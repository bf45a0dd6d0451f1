/**
 * The apps' configuration, read from the environment variables of the contract (app-contract.ts). Both
 * apps read the same variables so one env block (Pulumi, Compose) can serve either; each app simply
 * ignores the other's settings.
 */
import { z } from "zod";
import {
  APP_SETTINGS,
  BROKERS_VARIABLE,
  brokerList,
  CLIENT_ID_VARIABLE,
  clientIdRule,
  defaultClientId,
  type AppName,
  type SettingsReadBy,
} from "./app-contract.js";
import { ConfigError, describeIssues } from "./config-rules.js";

/** The process environment, or a stand-in for it in tests. */
export type Env = Readonly<Record<string, string | undefined>>;

export type { AppName } from "./app-contract.js";

/** What the producer reads: pause between batches (0 = as fast as acknowledged), count (0 = until stopped), batch and event size. */
export type ProducerSettings = SettingsReadBy<"producer">;
export type ConsumerSettings = SettingsReadBy<"consumer">;

export interface AppConfig extends SettingsReadBy<"both"> {
  brokers: string[];
  clientId: string;
  producer: ProducerSettings;
  consumer: ConsumerSettings;
}

/** Every variable the apps read, in the order problems are reported. */
function envSchema(app: AppName) {
  const settings = Object.values(APP_SETTINGS).map((setting) => [setting.variable, setting.rule.optional()]);
  return z.object({
    [BROKERS_VARIABLE]: brokerList,
    [CLIENT_ID_VARIABLE]: clientIdRule.default(defaultClientId(app)),
    ...(Object.fromEntries(settings) as Record<string, z.ZodOptional>),
  });
}

/** The variables the apps read, trimmed; Docker and Compose pass an unset variable as "". */
function presentValues(env: Env, names: readonly string[]): Record<string, string> {
  const present: Record<string, string> = {};
  for (const name of names) {
    const value = env[name]?.trim();
    if (value !== undefined && value !== "") present[name] = value;
  }
  return present;
}

/** Reads and validates the environment; throws a ConfigError listing every problem. */
export function loadAppConfig(env: Env, app: AppName): AppConfig {
  const schema = envSchema(app);
  const input = presentValues(env, schema.keyof().options);
  const result = schema.safeParse(input);
  if (!result.success) throw new ConfigError(describeIssues(result.error, input, "unset or empty"));
  const variables: Record<string, unknown> = result.data;
  // Each setting's value (or default) in the group of whoever reads it; the types follow from the contract.
  const groups: Record<AppName | "both", Record<string, unknown>> = { both: {}, producer: {}, consumer: {} };
  for (const [name, setting] of Object.entries(APP_SETTINGS)) {
    groups[setting.readBy][name] = variables[setting.variable] ?? setting.default;
  }
  return {
    brokers: variables[BROKERS_VARIABLE] as string[],
    clientId: variables[CLIENT_ID_VARIABLE] as string,
    ...(groups.both as SettingsReadBy<"both">),
    producer: groups.producer as ProducerSettings,
    consumer: groups.consumer as ConsumerSettings,
  };
}
