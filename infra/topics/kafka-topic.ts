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
  readTopicLayout,
  replaceTopicConfigs,
  withAdmin,
} from "./admin";
import {
  checkedTopicInputs,
  checkTopicChange,
  diffTopic,
  planTopicUpdate,
  updatedTopicState,
  type TopicState,
} from "./diff";

export const topicProvider: pulumi.dynamic.ResourceProvider<TopicState, TopicState> = {
  async check(olds, news) {
    return { inputs: checkedTopicInputs(olds, news), failures: checkTopicChange(olds, news) };
  },

  async diff(_id, olds, news) {
    return diffTopic(olds, news);
  },

  async create(inputs) {
    const outs = await withAdmin(inputs.bootstrapServers, (admin) => createOrAdoptTopic(admin, inputs));
    return { id: inputs.name, outs };
  },

  /** For `pulumi refresh`: the topic as the cluster has it; a missing topic leaves the state. */
  async read(id, props) {
    if (props === undefined) return { id, props };
    const state = props as TopicState;
    const layout = await withAdmin(state.bootstrapServers, (admin) => readTopicLayout(admin, state.name));
    if (layout === undefined) return {};
    const live: TopicState = { ...state, ...layout };
    return { id, props: live, inputs: live };
  },

  async update(_id, olds, news) {
    const plan = planTopicUpdate(olds, news);
    await withAdmin(news.bootstrapServers, async (admin) => {
      if (plan.partitions !== undefined) await increasePartitions(admin, news.name, plan.partitions);
      if (plan.configs !== undefined) await replaceTopicConfigs(admin, news.name, plan.configs);
    });
    return { outs: updatedTopicState(olds, news) };
  },

  async delete(_id, props) {
    await withAdmin(props.bootstrapServers, (admin) => deleteTopic(admin, props.name));
  },
};

/**
 * A topic's declaration. Nothing is deleted to apply a change: only removing a declaration deletes
 * its topic, with its data. Renaming a topic in the `topics` list is such a removal: the topic under
 * the old name is deleted (its data with it) and an empty one is created under the new name.
 * With `retainData` nothing deletes a topic: see there.
 */
export interface KafkaTopicArgs {
  /** Topic name; a new name is a new topic, and the old name's topic is deleted with its data. */
  name: pulumi.Input<string>;
  /** Partition count; may grow in place, never shrink. */
  partitions: pulumi.Input<number>;
  /**
   * Whether partitions was declared for this topic (default true). When false it is the cluster's
   * defaultPartitions at creation, and the topic keeps the count it has afterwards: a later change
   * of defaultPartitions neither grows it (which would move keys to other partitions) nor fails.
   */
  partitionsExplicit?: pulumi.Input<boolean>;
  /**
   * Replicas per partition, fixed when the topic is created (as in Kafka). A different explicit
   * value for an existing topic is refused by the provider's check: keep the value, declare a topic
   * with a new name, or reassign the partitions with kafka-reassign-partitions, `pulumi refresh`,
   * then declare the new value.
   */
  replicationFactor: pulumi.Input<number>;
  /**
   * Whether replicationFactor was declared for this topic (default true). When false it is the
   * cluster's value at creation, and a later change of the cluster-wide replicationFactor leaves
   * the topic alone.
   */
  replicationFactorExplicit?: pulumi.Input<boolean>;
  /** Topic-level configs; exactly these are set, others follow the broker defaults. */
  configs: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Host-side bootstrap list the provider connects through. */
  bootstrapServers: pulumi.Input<string>;
  /**
   * Keep the topic in the cluster when the resource is deleted (`retainOnDelete`), as the data
   * volumes are kept with the stack's retainData: `pulumi destroy` deletes the topic resources while
   * the brokers still run, so without this it would delete the topics, and their data, from the
   * volumes it keeps. The next `pulumi up` adopts a kept topic that fits its declaration. Removing or
   * renaming a declaration then leaves the old topic in the cluster, too (delete it with
   * `kafka-topics --delete`). Like every resource option, it takes effect with a `pulumi up`.
   * Not sent to the provider. Default false.
   */
  retainData?: boolean;
}

/** One Kafka topic, managed through the admin API. */
export class KafkaTopic extends pulumi.dynamic.Resource {
  declare readonly name: pulumi.Output<string>;
  declare readonly partitions: pulumi.Output<number>;
  declare readonly partitionsExplicit: pulumi.Output<boolean>;
  declare readonly replicationFactor: pulumi.Output<number>;
  declare readonly replicationFactorExplicit: pulumi.Output<boolean>;
  declare readonly configs: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: KafkaTopicArgs, opts?: pulumi.CustomResourceOptions) {
    const { retainData, ...declaration } = args;
    const inputs = {
      ...declaration,
      partitionsExplicit: args.partitionsExplicit ?? true,
      replicationFactorExplicit: args.replicationFactorExplicit ?? true,
    };
    const options = retainData === undefined ? opts : { ...opts, retainOnDelete: retainData };
    super(topicProvider, name, inputs, options, "kafka", "Topic");
  }
}
