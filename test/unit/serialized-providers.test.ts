/**
 * The build step that serializes the dynamic providers (infra/serialize-providers.ts), run as
 * `npm run build:providers` runs it, into a scratch folder of dist/: every provider of the program is there,
 * each text loads as the dynamic-provider host loads it, and none names a path of the machine that built it.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import Module from "node:module";
import * as path from "node:path";
import { after, describe, it } from "node:test";

const ROOT = path.join(__dirname, "..", "..");
const OUT = path.join(ROOT, "dist", `serialized-providers-test-${process.pid}`);

const TYPES = [
  "DynamicBrokerConfig",
  "PodReadinessGate",
  "PodRollingTurn",
  "ReadinessGate",
  "RollingTurn",
  "StackNetwork",
  "StackTeardown",
  "Topic",
];

function build(): Record<string, string> {
  mkdirSync(OUT, { recursive: true });
  const bundle = path.join(OUT, "serialize-providers.cjs");
  const esbuild = path.join(ROOT, "node_modules", ".bin", "esbuild");
  const flags = ["--bundle", "--platform=node", "--format=cjs", "--packages=external", "--log-level=warning"];
  execFileSync(esbuild, ["infra/serialize-providers.ts", ...flags, `--outfile=${bundle}`], { cwd: ROOT });
  execFileSync(process.execPath, [bundle], { cwd: ROOT });
  return JSON.parse(readFileSync(path.join(OUT, "serialized-providers.json"), "utf8")) as Record<
    string,
    string
  >;
}

/** Loads a provider text as a module the way the dynamic-provider host does, and returns its provider. */
function load(text: string): Record<string, unknown> {
  const module = new Module(path.join(OUT, "provider.js"));
  module.filename = path.join(OUT, "provider.js");
  module.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(OUT);
  (module as unknown as { _compile(code: string, file: string): void })._compile(text, module.filename);
  return (module.exports as { handler: () => Record<string, unknown> }).handler();
}

describe("dynamic providers serialized at build time", () => {
  after(() => rmSync(OUT, { recursive: true, force: true }));
  const texts = build();

  it("holds every dynamic resource type of the program", () => {
    assert.deepEqual(Object.keys(texts).sort(), TYPES);
  });

  it("loads each one as a provider with a create", () => {
    for (const type of TYPES) assert.equal(typeof load(texts[type] ?? "").create, "function", type);
  });

  it("names no path of the machine that built it", () => {
    for (const type of TYPES) assert.ok(!(texts[type] ?? "").includes(ROOT), type);
  });
});
