/**
 * The stack configuration's face: loadConfig for the program, validateConfig for tests and the bench,
 * and the settings they return. Every key is declared, with its default, in Pulumi.yaml.
 */
export { loadConfig, validateConfig, CONFIG_KEYS, type StackSettings } from "./stack-settings";
export type { ClusterSettings } from "./cluster";
export type { KafkaAppsSettings } from "./apps";
export type { TopicSpec } from "./topics";
export type { KubernetesSettings, Platform, PlatformSettings } from "./platform";
export { ConfigError } from "../../apps/src/shared/config-rules.js";
export { DEFAULTS, DERIVED, PROJECT_FILE } from "./defaults";
