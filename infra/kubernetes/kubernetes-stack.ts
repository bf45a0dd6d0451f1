/**
 * The whole stack on Kubernetes: the cluster with its topics and, unless `apps` is false, the producer and
 * consumer, from the same validated settings as on Docker. The kubernetes provider and kubectl reach the
 * cluster the standard way: `kubernetes:kubeconfig` and `kubernetes:context`, else KUBECONFIG.
 */
import * as pulumi from "@pulumi/pulumi";
import type { KubernetesSettings, StackSettings } from "../config";
import { KubernetesApps } from "./kafka-apps";
import { KubernetesCluster } from "./kafka-cluster";
import type { KubeAccess } from "./kubectl";

/** The provider's own settings, for kubectl; an inline kubeconfig stays a secret in the state. */
function kubeAccess(): pulumi.Output<KubeAccess> {
  const config = new pulumi.Config("kubernetes");
  const kubeconfig = config.get("kubeconfig");
  const context = config.get("context");
  const access: KubeAccess = {
    ...(kubeconfig === undefined ? {} : { kubeconfig }),
    ...(context === undefined ? {} : { context }),
  };
  return kubeconfig?.includes("\n") === true ? pulumi.secret(access) : pulumi.output(access);
}

export interface KubernetesStackOutputs {
  namespace: pulumi.Output<string>;
  bootstrapServers: string;
  internalBootstrapServers: string;
  topics: pulumi.Output<string[]>;
  brokerPods: string[];
  producerWorkload: pulumi.Output<string> | undefined;
  consumerWorkload: pulumi.Output<string> | undefined;
}

export function declareKubernetesStack(
  settings: StackSettings,
  kubernetes: KubernetesSettings,
  owner: { project: string; stack: string },
): KubernetesStackOutputs {
  const cluster = new KubernetesCluster("kafka", {
    owner,
    cluster: settings.cluster,
    kubernetes,
    access: kubeAccess(),
  });
  const apps =
    settings.apps === undefined
      ? undefined
      : new KubernetesApps("apps", {
          owner,
          namespace: cluster.namespace,
          imageRegistry: kubernetes.imageRegistry,
          settings: settings.apps,
          internalBootstrapServers: cluster.internalBootstrapServers,
          // The producer writes at once: its topic must exist with the declared shape first.
          startAfter: cluster.readyForClients,
        });
  return {
    namespace: cluster.namespace,
    bootstrapServers: cluster.bootstrapServers,
    internalBootstrapServers: cluster.internalBootstrapServers,
    topics: cluster.topics,
    brokerPods: cluster.brokerPods,
    producerWorkload: apps?.producerWorkload,
    consumerWorkload: apps?.consumerWorkload,
  };
}
