/**
 * Topics as Pulumi resources: a dynamic provider that runs in the Pulumi process and manages one
 * topic each through the Kafka admin API. The decisions (what replaces, what updates in place, what
 * is refused) live in topic-diff.ts; the Kafka calls in topic-admin.ts.
 */
import * as pulumi from "@pulumi/pulumi";
import {
  createOrAdoptTopic,
  deleteTopic,
  increasePartitions,
  replaceTopicConfigs,
  withAdmin,
} from "./topic-admin";
import { checkTopicChange, diffTopic, planTopicUpdate, type TopicState } from "./topic-diff";

export const topicProvider: pulumi.dynamic.ResourceProvider<TopicState, TopicState> = {
  async check(olds, news) {
    return { inputs: news, failures: checkTopicChange(olds, news) };
  },

  async diff(_id, olds, news) {
    return diffTopic(olds, news);
  },

  async create(inputs) {
    await withAdmin(inputs.bootstrapServers, (admin) => createOrAdoptTopic(admin, inputs));
    return { id: inputs.name, outs: inputs };
  },

  async update(_id, olds, news) {
    const plan = planTopicUpdate(olds, news);
    await withAdmin(news.bootstrapServers, async (admin) => {
      if (plan.partitions !== undefined) await increasePartitions(admin, news.name, plan.partitions);
      if (plan.configs !== undefined) await replaceTopicConfigs(admin, news.name, plan.configs);
    });
    return { outs: news };
  },

  async delete(_id, props) {
    await withAdmin(props.bootstrapServers, (admin) => deleteTopic(admin, props.name));
  },
};

export interface KafkaTopicArgs {
  /** Topic name; changing it replaces the topic (its data is lost). */
  name: pulumi.Input<string>;
  /** Partition count; may grow in place, never shrink. */
  partitions: pulumi.Input<number>;
  /** Replicas per partition; changing it replaces the topic (its data is lost). */
  replicationFactor: pulumi.Input<number>;
  /** Topic-level configs; exactly these are set, others follow the broker defaults. */
  configs: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Host-side bootstrap list the provider connects through. */
  bootstrapServers: pulumi.Input<string>;
}

/** One Kafka topic, managed through the admin API. */
export class KafkaTopic extends pulumi.dynamic.Resource {
  declare readonly name: pulumi.Output<string>;
  declare readonly partitions: pulumi.Output<number>;
  declare readonly replicationFactor: pulumi.Output<number>;
  declare readonly configs: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: KafkaTopicArgs, opts?: pulumi.CustomResourceOptions) {
    super(topicProvider, name, { ...args }, opts, "kafka", "Topic");
  }
}
