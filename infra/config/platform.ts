/**
 * Where the stack runs: `docker` (one engine, the default) or `kubernetes` (a cluster reached through the
 * standard `kubernetes:*` provider config or KUBECONFIG), with the keys only Kubernetes reads. Keys of the
 * other platform may stay set: they are noted as unused, so switching platforms is one change.
 */
import type { ClusterMode } from "../kafka/listeners";
import { DEFAULTS } from "./defaults";
import { show, type ConfigReader } from "./reader";

export const PLATFORMS = ["docker", "kubernetes"] as const;
export type Platform = (typeof PLATFORMS)[number];

/** What the program needs to render the stack on Kubernetes. */
export interface KubernetesSettings {
  /** Namespace of every object of the stack; the stack creates it and, unless retainData, deletes it. */
  namespace: string;
  /** Registry the app images are pushed to and the cluster pulls them from, e.g. `localhost:5000`. */
  imageRegistry: string;
  /** Storage class of the brokers' claims; undefined = the cluster's default class. */
  storageClass: string | undefined;
  /** Size of each broker's claim, a Kubernetes quantity such as `1Gi`. */
  brokerStorage: string;
}

export interface PlatformSettings {
  platform: Platform;
  /** Undefined on Docker. */
  kubernetes: KubernetesSettings | undefined;
}

/** What the platform's keys are checked against, read elsewhere in the config. */
export interface PlatformContext {
  mode: ClusterMode;
  /** Whether the producer and consumer run (they need imageRegistry on Kubernetes). */
  apps: boolean;
}

const DNS_LABEL = /^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_LABEL_RULE =
  "a DNS label: at most 63 of a-z, 0-9 and -, starting and ending with a letter or digit";
const DNS_SUBDOMAIN = /^(?=.{0,253}$)([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)?$/;
const DNS_SUBDOMAIN_RULE = 'a storage class name (lower-case DNS subdomain), or "" for the cluster default';
const REGISTRY = /^$|^[A-Za-z0-9.-]+(?::\d{1,5})?(?:\/[a-z0-9]+(?:[._-]+[a-z0-9]+)*)*$/;
const REGISTRY_RULE = "a registry host[:port][/path] the cluster pulls from, e.g. localhost:5000";
const QUANTITY = /^[1-9]\d*(Mi|Gi|Ti)$/;
const QUANTITY_RULE = "a size in Mi, Gi or Ti, e.g. 1Gi";

/** Keys that only Kubernetes reads. */
const KUBERNETES_ONLY_KEYS = ["namespace", "imageRegistry", "storageClass", "brokerStorage"] as const;
/** Keys that only Docker reads: node ports listen on every node address, as Kubernetes decides. */
const DOCKER_ONLY_KEYS = ["hostBindAddress"] as const;

function noteUnused(reader: ConfigReader, keys: readonly string[], platform: Platform, unused: string[]) {
  const other = platform === "docker" ? "kubernetes" : "docker";
  for (const key of keys) {
    const value = reader.value(key);
    if (value !== undefined && String(value) !== String(DEFAULTS[key as keyof typeof DEFAULTS]))
      unused.push(
        `${key}=${show(value)} is unused with platform=${platform}: it applies to platform=${other} only`,
      );
  }
}

function readKubernetes(reader: ConfigReader, context: PlatformContext): KubernetesSettings {
  if (context.mode !== "kraft") {
    reader.invalid(
      "mode",
      context.mode,
      "kraft with platform=kubernetes (Kafka 4 and the Kubernetes operators run KRaft; ZooKeeper mode is Docker only)",
    );
  }
  const imageRegistry = reader.string("imageRegistry", DEFAULTS.imageRegistry, REGISTRY, REGISTRY_RULE);
  if (context.apps && imageRegistry === "") {
    reader.invalid(
      "imageRegistry",
      imageRegistry,
      `${REGISTRY_RULE}: with platform=kubernetes and apps=true the app images are pushed there`,
    );
  }
  const storageClass = reader.string(
    "storageClass",
    DEFAULTS.storageClass,
    DNS_SUBDOMAIN,
    DNS_SUBDOMAIN_RULE,
  );
  return {
    namespace: reader.string("namespace", DEFAULTS.namespace, DNS_LABEL, DNS_LABEL_RULE),
    imageRegistry,
    storageClass: storageClass === "" ? undefined : storageClass,
    brokerStorage: reader.string("brokerStorage", DEFAULTS.brokerStorage, QUANTITY, QUANTITY_RULE),
  };
}

/** Reads `platform` and the keys of the chosen one; problems go to the reader, unused keys to `unused`. */
export function readPlatformSettings(
  reader: ConfigReader,
  context: PlatformContext,
  unused: string[],
): PlatformSettings {
  const platform = reader.oneOf("platform", DEFAULTS.platform as Platform, PLATFORMS);
  if (platform === "docker") {
    noteUnused(reader, KUBERNETES_ONLY_KEYS, platform, unused);
    return { platform, kubernetes: undefined };
  }
  noteUnused(reader, DOCKER_ONLY_KEYS, platform, unused);
  return { platform, kubernetes: readKubernetes(reader, context) };
}
