/**
 * The dynamic provider behind topic resources, built over a function that lends it a connected admin
 * client: Pulumi runs it with kafkajs (withAdmin), the tests with an in-memory admin. The decisions
 * (what replaces, what updates in place, what is refused) live in diff.ts; the Kafka calls in admin/topic-calls.ts.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { AdminLender } from "../admin/admin-client";
import {
  createOrAdoptTopic,
  deleteTopic,
  increasePartitions,
  readTopicLayout,
  replaceTopicConfigs,
} from "../admin/topic-calls";
import {
  checkedTopicInputs,
  checkTopicChange,
  diffTopic,
  planTopicUpdate,
  updatedTopicState,
  type TopicState,
} from "./diff";

export type TopicProvider = pulumi.dynamic.ResourceProvider<TopicState, TopicState>;

export function createTopicProvider(withAdmin: AdminLender): TopicProvider {
  return {
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

    /** For `pulumi refresh`: the topic as the cluster has it; a topic gone from the cluster leaves the state. */
    async read(id, props) {
      if (props === undefined) return { id, props };
      const layout = await withAdmin(props.bootstrapServers, (admin) => readTopicLayout(admin, props.name));
      if (layout === undefined) return {};
      const live: TopicState = { ...props, ...layout };
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
}
