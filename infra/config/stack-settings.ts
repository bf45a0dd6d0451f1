/**
 * The stack configuration: every key the program reads, checked in one place before a single resource
 * is declared. validateConfig is a pure function over the raw key/value pairs that reports ALL problems
 * at once; loadConfig feeds it from Pulumi. The keys and their defaults are declared in Pulumi.yaml.
 */
import * as pulumi from "@pulumi/pulumi";
import { readAppSettings, type KafkaAppsSettings } from "./apps";
import { readClusterSettings, type ClusterSettings } from "./cluster";
import { DEFAULTS } from "./defaults";
import { readPlatformSettings, type PlatformSettings } from "./platform";
import { ConfigError } from "../../apps/src/shared/config-rules.js";
import { ConfigReader, type RawConfig } from "./reader";

export interface StackSettings {
  /** Where the stack runs, and what only that platform reads. */
  platform: PlatformSettings;
  cluster: ClusterSettings;
  /** Undefined when `apps` is false. */
  apps: KafkaAppsSettings | undefined;
  /** Set keys that the chosen mode ignores, one sentence each, for the CLI to show as warnings. */
  unused: string[];
}

export const CONFIG_KEYS = Object.keys(DEFAULTS).sort();

/** Checks the raw config; returns the settings, or throws a ConfigError listing every problem. */
export function validateConfig(raw: RawConfig): StackSettings {
  const reader = new ConfigReader(raw);
  reader.rejectUnknown(CONFIG_KEYS);
  const unused: string[] = [];
  const cluster = readClusterSettings(reader, unused);
  const runApps = reader.boolean("apps", DEFAULTS.apps);
  const platform = readPlatformSettings(reader, { mode: cluster.mode, apps: runApps }, unused);
  // App settings are only checked when the apps run: a stack without them may leave them stale.
  const apps = runApps ? readAppSettings(reader, cluster) : undefined;
  reader.assertValid();
  return { platform, cluster, apps, unused };
}

/**
 * Reads every key of this project's namespace from the stack config and validates it. Problems are
 * thrown as a pulumi.RunError, which the CLI prints as its message alone, without a stack trace.
 */
export function loadConfig(
  project: string = pulumi.getProject(),
  config: Record<string, string> = pulumi.runtime.allConfig(),
): StackSettings {
  const prefix = `${project}:`;
  const raw: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    if (key.startsWith(prefix)) raw[key.slice(prefix.length)] = value;
  }
  try {
    const settings = validateConfig(raw);
    for (const note of settings.unused) void pulumi.log.warn(note);
    return settings;
  } catch (error) {
    if (error instanceof ConfigError) throw new pulumi.RunError(error.message);
    throw error;
  }
}
