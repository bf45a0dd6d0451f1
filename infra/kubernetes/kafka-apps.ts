/**
 * The producer and consumer on Kubernetes: the images the Docker engine builds from `apps/`, pushed to the
 * registry the cluster pulls from, each run by a Deployment in the stack's namespace that reaches the
 * brokers through their INTERNAL listeners. A producer with a count runs as a Job instead: it exits once it
 * has sent them, and only a failure runs it again, as `restart: on-failure` does on Docker.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { AppName } from "../../apps/src/shared/app-contract.js";
import { appEnvironment } from "../apps";
import { appImage } from "../apps/app-images";
import type { KafkaAppsSettings } from "../config";
import { APP_STOP_GRACE_SECONDS } from "../kafka/stop-grace";
import { COMPONENT_LABEL, INSTANCE_LABEL, NAME_LABEL, PART_OF_LABEL } from "./kubectl";

/** The uid of the `node` user the app images run as. */
const NODE_USER_ID = 1000;

export interface KubernetesAppsArgs {
  /** The project and stack: image names and labels. */
  owner: { project: string; stack: string };
  namespace: pulumi.Input<string>;
  /** Registry the images are pushed to and pulled from, e.g. `localhost:5000`. */
  imageRegistry: string;
  /** What the apps do: topic, pace, group, log level, base image and memory. */
  settings: KafkaAppsSettings;
  /** Bootstrap list inside the namespace, e.g. `kafka-1:29092,kafka-2:29092`. */
  internalBootstrapServers: string;
  /** Resources that must be ready before the apps start (the topics); the images build meanwhile. */
  startAfter: pulumi.Resource[];
}

export class KubernetesApps extends pulumi.ComponentResource {
  /** `deployment/producer` (or `job/producer`): what `kubectl logs` takes. */
  readonly producerWorkload: pulumi.Output<string>;
  readonly consumerWorkload: pulumi.Output<string>;

  constructor(name: string, args: KubernetesAppsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kafka-pulumi:kubernetes:KafkaApps", name, {}, opts);
    this.producerWorkload = this.app(name, "producer", args);
    this.consumerWorkload = this.app(name, "consumer", args);
    this.registerOutputs({
      producerWorkload: this.producerWorkload,
      consumerWorkload: this.consumerWorkload,
    });
  }

  private app(name: string, app: AppName, args: KubernetesAppsArgs): pulumi.Output<string> {
    const image = appImage(
      `${name}-${app}-image`,
      { app, identity: args.owner, nodeImage: args.settings.nodeImage, registry: args.imageRegistry },
      { parent: this },
    );
    const labels = {
      [PART_OF_LABEL]: args.owner.project,
      [INSTANCE_LABEL]: args.owner.stack,
      [COMPONENT_LABEL]: "app",
      [NAME_LABEL]: app,
    };
    const memory = String(args.settings.memoryBytes);
    const environment = appEnvironment(app, args.settings, args.internalBootstrapServers);
    const runsToCompletion = app === "producer" && args.settings.count > 0;
    const pod = {
      metadata: { labels },
      spec: {
        // The consumer commits its offsets and leaves its group in this time.
        terminationGracePeriodSeconds: APP_STOP_GRACE_SECONDS,
        enableServiceLinks: false,
        restartPolicy: runsToCompletion ? "OnFailure" : "Always",
        securityContext: {
          runAsNonRoot: true,
          runAsUser: NODE_USER_ID,
          runAsGroup: NODE_USER_ID,
          seccompProfile: { type: "RuntimeDefault" },
        },
        containers: [
          {
            name: app,
            // The pushed image's digest: a rebuilt image rolls the workload.
            image: image.repoDigest,
            env: Object.entries(environment).map(([envName, value]) => ({ name: envName, value })),
            resources: { requests: { memory, cpu: "50m" }, limits: { memory } },
            securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
          },
        ],
      },
    };
    const metadata = { name: app, namespace: args.namespace, labels };
    const opts = { parent: this, dependsOn: args.startAfter };
    if (runsToCompletion) {
      const job = new k8s.batch.v1.Job(
        `${name}-${app}`,
        {
          // Not awaited: `up` is done once the producer runs, as on Docker.
          metadata: { ...metadata, annotations: { "pulumi.com/skipAwait": "true" } },
          spec: { backoffLimit: 6, template: pod },
        },
        opts,
      );
      return job.metadata.name.apply((jobName) => `job/${jobName}`);
    }
    const deployment = new k8s.apps.v1.Deployment(
      `${name}-${app}`,
      {
        metadata,
        spec: {
          replicas: 1,
          selector: { matchLabels: labels },
          // One producer and one consumer at a time, as on Docker: the old pod goes before the new one starts.
          strategy: { type: "Recreate" },
          template: pod,
        },
      },
      opts,
    );
    return deployment.metadata.name.apply((deploymentName) => `deployment/${deploymentName}`);
  }
}
