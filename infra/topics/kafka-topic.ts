/**
 * A topic as a Pulumi resource, managed through the Kafka admin API by a dynamic provider that runs in
 * the Pulumi process on the host. Only a declaration that is removed (or renamed) deletes its topic.
 */
import * as pulumi from "@pulumi/pulumi";
import type { TopicSpec } from "../config";
import { withAdmin } from "../admin/admin-client";
import { createTopicProvider } from "./provider";
import { dynamicProvider, KafkaDynamicResource } from "../pulumi/dynamic-resource";

export interface KafkaTopicArgs extends TopicSpec {
  /** Host-side bootstrap list the provider connects through. */
  bootstrapServers: pulumi.Input<string>;
  /**
   * Keep the topic in the cluster when the resource is deleted, as the data volumes are with the
   * stack's retainData: destroy deletes topics while the brokers still run, so without this it would
   * delete them from the volumes it keeps. A resource option, not a provider input.
   */
  retainData?: boolean;
}

// One provider object for every topic: Pulumi serializes each provider object once per run.
const topicProvider = createTopicProvider(withAdmin);

const topicResource = dynamicProvider("Topic", topicProvider);

/** One Kafka topic in the declared shape (see TopicSpec for what may change in place). */
export class KafkaTopic extends KafkaDynamicResource {
  declare readonly name: pulumi.Output<string>;
  declare readonly partitions: pulumi.Output<number>;
  declare readonly replicationFactor: pulumi.Output<number>;
  declare readonly configs: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: KafkaTopicArgs, opts?: pulumi.CustomResourceOptions) {
    const { retainData, ...inputs } = args;
    const options = retainData === undefined ? opts : { ...opts, retainOnDelete: retainData };
    super(topicResource, name, inputs, options);
  }
}
