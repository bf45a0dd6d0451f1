/**
 * Build step of the compiled program (`npm run build:program`, bundled beside it): serializes every dynamic
 * resource's provider once and writes the texts beside the compiled program, which uses them instead of
 * serializing at every `pulumi up` (pulumi/dynamic-resource.ts). Each module below declares its providers on load.
 */
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import "./cluster/dynamic-broker-config";
import "./cluster/readiness-gate";
import "./cluster/rolling";
import "./docker/network";
import "./docker/teardown";
import "./kubernetes/pod-readiness";
import "./topics/kafka-topic";
import { declaredProviders, SERIALIZED_PROVIDERS_FILE, serializeProvider } from "./pulumi/dynamic-resource";

async function main(): Promise<void> {
  const texts: Record<string, string> = {};
  for (const [type, provider] of declaredProviders()) texts[type] = await serializeProvider(provider);
  writeFileSync(path.join(__dirname, SERIALIZED_PROVIDERS_FILE), `${JSON.stringify(texts, null, 1)}\n`);
}

main().catch((error: unknown) => {
  console.error(`serializing the dynamic providers failed: ${String(error)}`);
  process.exitCode = 1;
});
