/** Topics as code: the resource the cluster declares, and the provider factory the tests drive. */
export { KafkaTopic, type KafkaTopicArgs } from "./kafka-topic";
export { createTopicProvider, type TopicProvider } from "./provider";
export type { TopicState } from "./diff";
