/** The producer and consumer: their images built from apps/ and their containers on the stack's network. */
export { KafkaApps, type KafkaAppsArgs } from "./kafka-apps";
export { appEnvironment, appRestart } from "./app-environment";
