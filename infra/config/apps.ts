/**
 * Settings of the producer and consumer apps, read from the stack config: the images' base and memory,
 * and every setting of the apps' contract (apps/src/shared/app-contract.ts) that has a stack key, with
 * the rule the apps enforce at start-up.
 */
import { APP_SETTINGS, STACK_SET_NAMES, type StackAppSettings } from "../../apps/src/shared/app-contract.js";
import { IMAGE_REFERENCE, IMAGE_RULE, readMemoryLimit, type ClusterSettings } from "./cluster";
import { DEFAULTS } from "./defaults";
import { show, type ConfigReader } from "./reader";

/** The apps' contract settings (topic, logLevel, intervalMs, count, groupId), plus how their containers run. */
export interface KafkaAppsSettings extends StackAppSettings {
  /** Base image of both app images (build arg NODE_IMAGE). */
  nodeImage: string;
  /** Memory limit of each app container, in bytes. */
  memoryBytes: number;
}

/** What the producer's topic is checked against: the cluster's declared topics. */
export type AppSettingsContext = Pick<ClusterSettings, "topics" | "autoCreateTopics">;

/** Every contract setting with a stack key, from that key or the contract's default (Pulumi.yaml's too). */
function readContractSettings(reader: ConfigReader): StackAppSettings {
  const values: Record<string, unknown> = {};
  for (const name of STACK_SET_NAMES) {
    const { stackKey, rule, default: fallback } = APP_SETTINGS[name];
    values[name] = reader.parse<unknown>(stackKey, rule, fallback);
  }
  return values as StackAppSettings;
}

/** Without auto-creation, the producer's topic must be one the stack declares. */
function checkProducerTopic(reader: ConfigReader, topic: string, context: AppSettingsContext): void {
  const declared = context.topics.map((spec) => spec.name);
  if (context.autoCreateTopics || declared.includes(topic)) return;
  const listed = declared.length === 0 ? "none declared" : declared.map((t) => show(t)).join(", ");
  reader.invalid(
    APP_SETTINGS.topic.stackKey,
    topic,
    `a topic listed in topics (${listed}) while autoCreateTopics is false`,
  );
}

export function readAppSettings(reader: ConfigReader, context: AppSettingsContext): KafkaAppsSettings {
  const nodeImage = reader.string("nodeImage", DEFAULTS.nodeImage, IMAGE_REFERENCE, IMAGE_RULE);
  const memoryBytes = readMemoryLimit(reader, "appMemory");
  const problems = reader.problems.length;
  const settings = readContractSettings(reader);
  // Only a valid topic name is looked up among the declared topics.
  if (
    !reader.problems.slice(problems).some((problem) => problem.startsWith(`${APP_SETTINGS.topic.stackKey}=`))
  )
    checkProducerTopic(reader, settings.topic, context);
  return { nodeImage, memoryBytes, ...settings };
}
