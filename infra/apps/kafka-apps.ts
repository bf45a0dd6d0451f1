/**
 * The producer (a faker-made "registered user" every few seconds) and the consumer, each built
 * from `apps/` and run on the stack's network, reaching the brokers through their INTERNAL listeners.
 */
import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import type { AppName } from "../../apps/src/shared/app-contract.js";
import type { KafkaAppsSettings } from "../config";
import { dockerLabels, dockerName, type DockerIdentity } from "../docker/identity";
import { formerlyNamed } from "../pulumi/former-names";
import { memoryLimit } from "../docker/memory-limit";
import { toEnvList } from "../kafka/environment";
import { APP_STOP_GRACE_SECONDS } from "../kafka/stop-grace";
import { appEnvironment, appRestart } from "./app-environment";
import { appImage } from "./app-images";

export interface KafkaAppsArgs {
  /** Names and labels of the Docker objects and images. */
  identity: DockerIdentity;
  /** What the apps do: topic, pace, group, log level, base image and memory. */
  settings: KafkaAppsSettings;
  /** Name of the Docker network the apps join. */
  networkName: pulumi.Input<string>;
  /** Bootstrap list on that network, e.g. `kafka-1:29092,kafka-2:29092`. */
  internalBootstrapServers: string;
  /** Resources that must be ready before the apps start (the topics); the images build meanwhile. */
  startAfter: pulumi.Resource[];
}

export class KafkaApps extends pulumi.ComponentResource {
  readonly producerContainer: pulumi.Output<string>;
  readonly consumerContainer: pulumi.Output<string>;

  constructor(name: string, args: KafkaAppsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kafka-pulumi:index:KafkaApps", name, {}, opts);
    this.producerContainer = this.app(name, "producer", args).name;
    this.consumerContainer = this.app(name, "consumer", args).name;
    this.registerOutputs({
      producerContainer: this.producerContainer,
      consumerContainer: this.consumerContainer,
    });
  }

  private app(name: string, app: AppName, args: KafkaAppsArgs): docker.Container {
    const image = appImage(
      `${name}-${app}-image`,
      { app, identity: args.identity, nodeImage: args.settings.nodeImage },
      { parent: this, ...formerlyNamed(`${app}-image`) },
    );
    return new docker.Container(
      `${name}-${app}`,
      {
        name: dockerName(args.identity, app),
        // The local image id: a rebuilt image replaces the container.
        image: image.repoDigest,
        envs: toEnvList(appEnvironment(app, args.settings, args.internalBootstrapServers)),
        networksAdvanced: [{ name: args.networkName }],
        ...memoryLimit(args.settings.memoryBytes),
        // No `init`: the images' entry point is tini, which forwards signals to node and reaps children.
        ...appRestart(app, args.settings),
        // docker stop with this timeout before the removal: the consumer commits and leaves its group.
        destroyGraceSeconds: APP_STOP_GRACE_SECONDS,
        labels: dockerLabels(args.identity, app),
      },
      { parent: this, deleteBeforeReplace: true, dependsOn: args.startAfter, ...formerlyNamed(app) },
    );
  }
}
