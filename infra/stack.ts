/**
 * The whole stack, declared from validated settings on the chosen platform: the cluster with its topics
 * and, unless `apps` is false, the producer and consumer. infra/index.ts calls it for `pulumi up`; the mock
 * tests call the same program through index.ts.
 */
import { setImmediate } from "node:timers/promises";
import type * as pulumi from "@pulumi/pulumi";
import { KafkaApps } from "./apps";
import { KafkaCluster } from "./cluster";
import type { StackSettings } from "./config";
import type { DockerIdentity } from "./docker/identity";
import { StackTeardown, TeardownScope } from "./docker/teardown";
import { SERVER_STOP_GRACE_SECONDS } from "./kafka/stop-grace";
import type { KubernetesStackOutputs } from "./kubernetes/kubernetes-stack";

type KubernetesStackModule = typeof import("./kubernetes/kubernetes-stack");

/** The outputs of a stack on Docker, as `pulumi stack output` shows them. */
export interface DockerStackOutputs {
  platform: "docker";
  bootstrapServers: string;
  internalBootstrapServers: string;
  zookeeperConnect: string | undefined;
  networkName: pulumi.Output<string>;
  topics: pulumi.Output<string[]>;
  zookeeperContainers: pulumi.Output<string[]>;
  brokerContainers: pulumi.Output<string[]>;
  producerContainer: pulumi.Output<string> | undefined;
  consumerContainer: pulumi.Output<string> | undefined;
}

/** The stack outputs: `platform` says which of the two shapes they have. */
export type StackOutputs = DockerStackOutputs | ({ platform: "kubernetes" } & KubernetesStackOutputs);

export async function declareStack(settings: StackSettings, identity: DockerIdentity): Promise<StackOutputs> {
  const kubernetes = settings.platform.kubernetes;
  if (kubernetes !== undefined) {
    // Loaded for this platform only: @pulumi/kubernetes takes about 0.1 s to load, which a Docker stack's
    // first resource would wait for.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load that both tsx's CommonJS hook and the bundle resolve
    const { declareKubernetesStack } = require("./kubernetes/kubernetes-stack") as KubernetesStackModule;
    return { platform: "kubernetes", ...declareKubernetesStack(settings, kubernetes, identity) };
  }
  return declareDockerStack(settings, identity);
}

async function declareDockerStack(
  settings: StackSettings,
  identity: DockerIdentity,
): Promise<DockerStackOutputs> {
  // Declared first: everything else is deleted with the scope, and the teardown's delete removes it all.
  const teardownScope = new TeardownScope("teardown-scope");
  new StackTeardown("teardown", {
    identity,
    retainData: settings.cluster.retainData,
    stopGraceSeconds: SERVER_STOP_GRACE_SECONDS,
  });
  // The teardown's registration reaches the engine before the rest is declared, so the dynamic-provider
  // plugin that it and the network need starts meanwhile instead of after everything was declared.
  await setImmediate();
  const cluster = new KafkaCluster(
    "kafka",
    { ...settings.cluster, identity },
    { deletedWith: teardownScope },
  );
  const apps =
    settings.apps === undefined
      ? undefined
      : new KafkaApps(
          "apps",
          {
            identity,
            settings: settings.apps,
            networkName: cluster.networkName,
            internalBootstrapServers: cluster.internalBootstrapServers,
            // The producer writes at once: its topic must exist with the declared shape first.
            startAfter: cluster.readyForClients,
          },
          { deletedWith: teardownScope },
        );
  return {
    platform: "docker",
    bootstrapServers: cluster.bootstrapServers,
    internalBootstrapServers: cluster.internalBootstrapServers,
    zookeeperConnect: cluster.zookeeperConnect,
    networkName: cluster.networkName,
    topics: cluster.topics,
    zookeeperContainers: cluster.zookeeperContainers,
    brokerContainers: cluster.brokerContainers,
    producerContainer: apps?.producerContainer,
    consumerContainer: apps?.consumerContainer,
  };
}
