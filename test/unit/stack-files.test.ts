/**
 * Pulumi.yaml, the stack files and the README agree with the program: every key the program reads is
 * declared with a type, a description and a default (Pulumi.yaml is the one source of the defaults, and
 * the README's table repeats it exactly), the program is found through package.json, and every shipped
 * stack validates and keeps its form when Pulumi opens it.
 * The files are read with js-yaml's failsafe schema, which keeps every scalar as text, the way
 * Pulumi hands config values to the program.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, test } from "node:test";
import { FAILSAFE_SCHEMA, load } from "js-yaml";
import { CONFIG_KEYS, DEFAULTS, DERIVED, validateConfig } from "../../infra/config";

const ROOT = path.resolve(__dirname, "..", "..");
const DERIVED_DEFAULTS = ["replicationFactor", "minInsyncReplicas"];

interface Declaration {
  type?: string;
  description?: string;
  default?: string;
}

/** A YAML file with every scalar as a string. */
function readYaml(file: string): Record<string, unknown> {
  return load(readFileSync(path.join(ROOT, file), "utf8"), {
    schema: FAILSAFE_SCHEMA,
    filename: file,
  }) as Record<string, unknown>;
}

function projectDeclarations(): Map<string, Declaration> {
  const config = readYaml("Pulumi.yaml").config as Record<string, Declaration>;
  return new Map(Object.entries(config));
}

/** A stack file's config without the project prefix. */
function stackConfig(file: string): Record<string, string> {
  const config = (readYaml(file).config ?? {}) as Record<string, string>;
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => [key.replace(/^kafka-pulumi:/, ""), value]),
  );
}

describe("Pulumi.yaml", () => {
  const declarations = projectDeclarations();

  test("declares exactly the keys the program reads, each with a type and a description", () => {
    assert.deepEqual([...declarations.keys()].sort(), CONFIG_KEYS);
    for (const [key, declaration] of declarations) {
      assert.ok(["string", "integer", "boolean"].includes(declaration.type ?? ""), `${key} has a type`);
      assert.ok(declaration.description, `${key} has a description`);
    }
  });

  test("declares a default for every key, so that no stack has to set one", () => {
    for (const [key, declaration] of declarations) assert.ok(declaration.default !== undefined, key);
    assert.deepEqual(
      Object.fromEntries(Object.entries(DEFAULTS).map(([key, value]) => [key, String(value)])),
      Object.fromEntries([...declarations].map(([key, declaration]) => [key, declaration.default])),
    );
  });

  test("is what the README's configuration table says, key for key", () => {
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    const rows = [...readme.matchAll(/^\| `(\w+)` \| (\w+) \| `([^`]*)` \| (.*) \|$/gm)].map(
      ([, key, type, value, description]) => [key, { type, default: value, description }],
    );
    const declared = [...declarations].map(([key, declaration]) => [
      key,
      {
        type: declaration.type,
        default: declaration.default,
        description: (declaration.description ?? "").replaceAll("|", "\\|"),
      },
    ]);
    assert.deepEqual(rows, declared);
  });

  test("declares 0 for the replication settings derived from brokers, and says so", () => {
    for (const key of DERIVED_DEFAULTS) {
      assert.equal(declarations.get(key)?.default, String(DERIVED), key);
      assert.match(declarations.get(key)?.description ?? "", /0 = derived: /, key);
    }
  });

  test("leaves the program's location to package.json main, run from the project root", () => {
    const project = readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8");
    // With `main: infra/`, Pulumi compiles the program without the root tsconfig.json.
    assert.doesNotMatch(project, /^ {0,2}main:/m);
    const manifest = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { main?: string };
    assert.equal(manifest.main, "infra/entry.cjs");
    assert.ok(existsSync(path.join(ROOT, manifest.main)));
  });
});

describe("stack files", () => {
  // The shipped stacks; the test suites' own stacks (git-ignored) come and go.
  const stacks = readdirSync(ROOT).filter((file) => /^Pulumi\.(?!e2e-|validation-)[\w-]+\.yaml$/.test(file));

  test("every stack validates with the project defaults applied", () => {
    assert.deepEqual(stacks.sort(), [
      "Pulumi.airgap.yaml",
      "Pulumi.compose.yaml",
      "Pulumi.dev.yaml",
      "Pulumi.kubernetes.yaml",
    ]);
    const defaults = Object.fromEntries(
      [...projectDeclarations()]
        .filter(([, d]) => d.default !== undefined)
        .map(([key, d]) => [key, d.default]),
    );
    for (const stack of stacks)
      assert.doesNotThrow(() => validateConfig({ ...defaults, ...stackConfig(stack) }), stack);
  });

  test("dev runs three brokers on the Confluent 7.9 images; airgap the same on local images", () => {
    const dev = validateConfig(stackConfig("Pulumi.dev.yaml"));
    assert.equal(dev.cluster.brokers, 3);
    assert.equal(dev.cluster.replicationFactor, 3);
    assert.match(dev.cluster.kafkaImage, /^confluentinc\/cp-kafka:7\.9\.\d+$/);
    assert.match(dev.cluster.zookeeperImage, /^confluentinc\/cp-zookeeper:7\.9\.\d+$/);
    const airgap = validateConfig(stackConfig("Pulumi.airgap.yaml"));
    assert.deepEqual(
      { ...airgap.cluster, kafkaImage: "", zookeeperImage: "" },
      {
        ...dev.cluster,
        kafkaImage: "",
        zookeeperImage: "",
      },
    );
    assert.equal(airgap.cluster.kafkaImage, "kafka-airgap/kafka:3.9.1");
    assert.equal(airgap.cluster.zookeeperImage, "kafka-airgap/zookeeper:3.9.1");
    assert.equal(airgap.apps?.nodeImage, "kafka-airgap/node:22");
  });

  test("each carries the salt of the empty passphrase, so that Pulumi does not rewrite it (git stays clean)", () => {
    for (const stack of stacks) assert.match(String(readYaml(stack).encryptionsalt), /^v1:/, stack);
  });

  test("kubernetes is the dev cluster's shape in KRaft mode on the local cluster", () => {
    const dev = validateConfig(stackConfig("Pulumi.dev.yaml"));
    const kubernetes = validateConfig(stackConfig("Pulumi.kubernetes.yaml"));
    assert.equal(kubernetes.platform.platform, "kubernetes");
    assert.equal(kubernetes.cluster.mode, "kraft");
    for (const key of ["brokers", "replicationFactor", "minInsyncReplicas", "defaultPartitions"] as const)
      assert.equal(kubernetes.cluster[key], dev.cluster[key], key);
    assert.equal(kubernetes.platform.kubernetes?.imageRegistry, "localhost:5000");
    assert.match(kubernetes.cluster.kafkaImage, /^localhost:5000\/kafka-airgap\/kafka:/);
  });

  test("compose is the original compose file's shape", () => {
    const compose = validateConfig(stackConfig("Pulumi.compose.yaml"));
    assert.equal(compose.cluster.brokers, 1);
    assert.equal(compose.cluster.replicationFactor, 1);
    assert.equal(compose.cluster.mode, "zookeeper");
  });
});
