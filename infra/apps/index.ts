/** The producer and consumer: their images built from apps/ and their containers on the stack's network. */
export { KafkaApps, appEnvironment, appRestart, type KafkaAppsArgs } from "./kafka-apps";
