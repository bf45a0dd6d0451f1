/**
 * The program's dynamic resources and the text of their providers. Pulumi runs a dynamic resource's provider
 * from a serialized copy of its code, which the SDK makes by parsing the provider's closure with the TypeScript
 * compiler: about a second of CPU at every `pulumi up`, before the network and every container. The compiled
 * program's providers are serialized once, at build time (infra/serialize-providers.ts); the TypeScript
 * program's are serialized at run time as the SDK does, since its code may have changed since the last build.
 */
import { readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { PROVIDER_KEY } from "./action-provider";

/** The dynamic resources' package and module: `pulumi-nodejs:dynamic/kafka:<type>`. */
const TYPE_PREFIX = "pulumi-nodejs:dynamic/kafka:";

/** Where the build writes the serialized providers, beside the compiled program (dist/infra/). */
export const SERIALIZED_PROVIDERS_FILE = "serialized-providers.json";
const COMPILED_PROGRAM_FILE = "program.cjs";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each provider has its own input and output types
type AnyProvider = pulumi.dynamic.ResourceProvider<any, any>;

/** A dynamic resource type and the one provider object that runs it. */
export interface DynamicProvider {
  type: string;
  provider: AnyProvider;
}

const definitions = new Map<string, AnyProvider>();

/** Declares a type's provider; the build serializes every declared one. */
export function dynamicProvider(type: string, provider: AnyProvider): DynamicProvider {
  if (definitions.has(type)) throw new Error(`dynamic resource type ${type} is declared twice`);
  definitions.set(type, provider);
  return { type, provider };
}

/** Every declared type's provider, for the build. */
export function declaredProviders(): ReadonlyMap<string, AnyProvider> {
  return definitions;
}

/** The SDK's serialization of a provider, as pulumi.dynamic.Resource makes it. */
export async function serializeProvider(provider: AnyProvider): Promise<string> {
  return (await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true })).text;
}

/**
 * The texts the build serialized, when this module is part of the compiled program and they were written after
 * it; undefined otherwise (the TypeScript program, or a build whose serialization did not finish).
 */
function loadSerialized(): Record<string, string> | undefined {
  const file = path.join(__dirname, SERIALIZED_PROVIDERS_FILE);
  try {
    if (statSync(file).mtimeMs < statSync(path.join(__dirname, COMPILED_PROGRAM_FILE)).mtimeMs)
      return undefined;
    return JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
  } catch {
    return undefined;
  }
}

let serialized: Record<string, string> | undefined | null = null;
const serializing = new Map<string, Promise<string>>();

function providerText({ type, provider }: DynamicProvider): string | Promise<string> {
  if (serialized === null) serialized = loadSerialized();
  const prebuilt = serialized?.[type];
  if (prebuilt !== undefined) return prebuilt;
  let text = serializing.get(type);
  if (text === undefined) serializing.set(type, (text = serializeProvider(provider)));
  return text;
}

/** A dynamic resource of the program: pulumi.dynamic.Resource's type and inputs, its provider serialized once. */
export abstract class KafkaDynamicResource extends pulumi.CustomResource {
  constructor(
    definition: DynamicProvider,
    name: string,
    props: pulumi.Inputs,
    opts?: pulumi.CustomResourceOptions,
  ) {
    super(
      `${TYPE_PREFIX}${definition.type}`,
      name,
      { ...props, [PROVIDER_KEY]: providerText(definition) },
      opts,
    );
  }
}
