/**
 * The default of every config key, read from Pulumi.yaml: the project file declares each key with its
 * type, description and default, and is their one source (the CLI hands the same defaults to the program).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import yaml from "js-yaml";

/** The value of replicationFactor and minInsyncReplicas that asks for the derived default. */
export const DERIVED = 0;

/**
 * Every key the program reads, with the type of its value; the apps' settings (producerTopic, logLevel, ...)
 * are read by their rules in the apps' contract (apps/src/shared/app-contract.ts).
 */
export interface ConfigDefaults {
  platform: string;
  namespace: string;
  imageRegistry: string;
  storageClass: string;
  brokerStorage: string;
  mode: string;
  brokers: number;
  zookeeperNodes: number;
  replicationFactor: number;
  minInsyncReplicas: number;
  defaultPartitions: number;
  autoCreateTopics: boolean;
  advertisedHost: string;
  hostBindAddress: string;
  hostPortBase: number;
  zookeeperHostPort: number;
  clusterId: string;
  kafkaImage: string;
  zookeeperImage: string;
  nodeImage: string;
  brokerMemory: string;
  brokerHeap: string;
  zookeeperMemory: string;
  zookeeperHeap: string;
  appMemory: string;
  retainData: boolean;
  /** JSON text: Pulumi.yaml cannot type a list of objects. */
  topics: string;
  apps: boolean;
}

export const PROJECT_FILE = path.resolve(__dirname, "../../Pulumi.yaml");

/** Pulumi.yaml's `type` of each kind of default. */
const DECLARED_TYPES = { string: "string", number: "integer", boolean: "boolean" } as const;

interface Declaration {
  type?: string;
  default?: unknown;
}

/** The declared defaults, checked against their declared types, so a typo in Pulumi.yaml fails early. */
function readDefaults(projectFile: string = PROJECT_FILE): ConfigDefaults {
  const project = yaml.load(readFileSync(projectFile, "utf8")) as { config?: Record<string, Declaration> };
  const defaults: Record<string, unknown> = {};
  for (const [key, declaration] of Object.entries(project.config ?? {})) {
    const kind = typeof declaration.default as keyof typeof DECLARED_TYPES;
    if (DECLARED_TYPES[kind] === undefined || DECLARED_TYPES[kind] !== declaration.type) {
      throw new Error(
        `${projectFile}: config ${key} declares type ${String(declaration.type)} with default ` +
          `${JSON.stringify(declaration.default)}: expected a default of the declared type`,
      );
    }
    defaults[key] = declaration.default;
  }
  return defaults as unknown as ConfigDefaults;
}

export const DEFAULTS: Readonly<ConfigDefaults> = readDefaults();
