/**
 * A KRaft Kafka cluster on Kubernetes: the stack's namespace, one StatefulSet per broker (changed one at a
 * time, see pod-readiness.ts), a PodDisruptionBudget that lets one broker go at a time, then, once every
 * broker is ready and in sync, the runtime broker settings and the declared topics, as on Docker.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { DynamicBrokerConfig } from "../cluster/dynamic-broker-config";
import type { ClusterSettings, KubernetesSettings } from "../config";
import { brokerEnvironment, dynamicBrokerProperties } from "../kafka/environment";
import { brokerProbe } from "../kafka/healthchecks";
import { brokerEnvironmentSettings, listenerLayout } from "../kafka/cluster-shape";
import { BROKER_DATA_PATH } from "../kafka/data-paths";
import {
  brokerAlias,
  brokerHostPort,
  hostBootstrapServers,
  internalBootstrapServers,
  memberNumbers,
} from "../kafka/listeners";
import { SERVER_STOP_GRACE_SECONDS } from "../kafka/stop-grace";
import { KafkaTopic } from "../topics";
import { brokerWorkload, type BrokerWorkload } from "./broker-workload";
import { COMPONENT_LABEL, INSTANCE_LABEL, PART_OF_LABEL, type KubeAccess } from "./kubectl";
import { WAIT_TIMEOUT_SECONDS } from "../cluster/readiness";
import { PodReadinessGate, PodRollingTurn } from "./pod-readiness";

export interface KubernetesClusterArgs {
  /** The project and stack: labels of every object. */
  owner: { project: string; stack: string };
  /** The cluster's settings, as on Docker. */
  cluster: ClusterSettings;
  /** Namespace, storage and registry. */
  kubernetes: KubernetesSettings;
  /** How the gates reach the cluster with kubectl. */
  access: pulumi.Input<KubeAccess>;
}

export class KubernetesCluster extends pulumi.ComponentResource {
  readonly namespace: pulumi.Output<string>;
  /** Bootstrap list for clients outside the cluster, through the node ports. */
  readonly bootstrapServers: string;
  /** Bootstrap list for pods in the namespace, e.g. `kafka-1:29092`. */
  readonly internalBootstrapServers: string;
  /** The brokers' pods, e.g. `kafka-1-0`. */
  readonly brokerPods: string[];
  readonly topics: pulumi.Output<string[]>;
  /** What clients depend on: the runtime settings and the topics. */
  readonly readyForClients: pulumi.Resource[];

  constructor(name: string, args: KubernetesClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kafka-pulumi:kubernetes:KafkaCluster", name, {}, opts);
    const { cluster, owner } = args;
    const layout = listenerLayout(cluster);
    this.bootstrapServers = hostBootstrapServers(layout);
    this.internalBootstrapServers = internalBootstrapServers(layout);

    const namespace = new k8s.core.v1.Namespace(
      `${name}-namespace`,
      {
        metadata: {
          name: args.kubernetes.namespace,
          labels: { [PART_OF_LABEL]: owner.project, [INSTANCE_LABEL]: owner.stack },
        },
      },
      // With retainData the namespace keeps the brokers' claims; the next `up` takes it over again.
      { parent: this, retainOnDelete: cluster.retainData },
    );
    this.namespace = namespace.metadata.name;
    // Without retainData the namespace's deletion removes what is in it, in one step.
    const inNamespace: pulumi.CustomResourceOptions = {
      parent: this,
      ...(cluster.retainData
        ? { dependsOn: [namespace] }
        : { dependsOn: [namespace], deletedWith: namespace }),
    };

    const settings = brokerEnvironmentSettings(cluster);
    const brokers: BrokerWorkload[] = [];
    for (const broker of memberNumbers(cluster.brokers)) {
      const previous = brokers[broker - 2];
      const after =
        previous === undefined
          ? []
          : [
              new PodRollingTurn(
                `${name}-${broker - 1}-rolled`,
                {
                  access: args.access,
                  namespace: this.namespace,
                  revisions: { [previous.pod]: previous.revision },
                  bootstrapServers: this.bootstrapServers,
                  timeoutSeconds: WAIT_TIMEOUT_SECONDS,
                },
                inNamespace,
              ),
            ];
      brokers.push(
        brokerWorkload(
          `${name}-${broker}`,
          {
            owner,
            namespace: this.namespace,
            alias: brokerAlias(broker),
            externalPort: brokerHostPort(layout, broker),
            image: cluster.kafkaImage,
            environment: brokerEnvironment(settings, broker),
            dataPath: BROKER_DATA_PATH,
            memoryBytes: cluster.brokerMemoryBytes,
            storageClass: args.kubernetes.storageClass,
            storageSize: args.kubernetes.brokerStorage,
            retainData: cluster.retainData,
            probe: brokerProbe(),
            stopGraceSeconds: SERVER_STOP_GRACE_SECONDS,
          },
          { ...inNamespace, dependsOn: [namespace, ...after] },
        ),
      );
    }
    this.brokerPods = brokers.map((broker) => broker.pod);

    new k8s.policy.v1.PodDisruptionBudget(
      `${name}-brokers`,
      {
        metadata: { name: "kafka-brokers", namespace: this.namespace },
        spec: {
          maxUnavailable: 1,
          selector: { matchLabels: { [INSTANCE_LABEL]: owner.stack, [COMPONENT_LABEL]: "broker" } },
        },
      },
      inNamespace,
    );

    const ready = new PodReadinessGate(
      `${name}-ready`,
      {
        access: args.access,
        namespace: this.namespace,
        revisions: Object.fromEntries(brokers.map((broker) => [broker.pod, broker.revision])),
        bootstrapServers: this.bootstrapServers,
        timeoutSeconds: WAIT_TIMEOUT_SECONDS,
      },
      // The runtime settings and the topics connect through the node ports, which a fast broker can beat.
      { ...inNamespace, dependsOn: brokers.flatMap((broker) => [broker.statefulSet, ...broker.services]) },
    );

    const runtimeConfig = new DynamicBrokerConfig(
      `${name}-runtime-config`,
      {
        bootstrapServers: this.bootstrapServers,
        brokerIds: memberNumbers(cluster.brokers),
        configs: dynamicBrokerProperties(cluster),
      },
      { ...inNamespace, dependsOn: [ready] },
    );
    // Topics go before the brokers on destroy, while they still run.
    const topics = cluster.topics.map(
      (topic) =>
        new KafkaTopic(
          `${name}-topic-${topic.name}`,
          { ...topic, bootstrapServers: this.bootstrapServers, retainData: cluster.retainData },
          { ...inNamespace, dependsOn: [ready, ...brokers.map((broker) => broker.statefulSet)] },
        ),
    );
    this.topics = pulumi.all(topics.map((topic) => topic.name));
    this.readyForClients = [runtimeConfig, ...topics];
    this.registerOutputs({
      namespace: this.namespace,
      bootstrapServers: this.bootstrapServers,
      internalBootstrapServers: this.internalBootstrapServers,
      topics: this.topics,
    });
  }
}
