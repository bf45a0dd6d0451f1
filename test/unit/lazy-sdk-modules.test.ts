import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { describe, it } from "node:test";

const ROOT = path.join(__dirname, "..", "..");

// Runs in a plain node process, as the program and the dynamic-provider host run: the deferral is in place
// before the SDK loads, then the SDK serializes a function the way it serializes a dynamic provider.
const PROBE = `
const loaded = (name) => Object.keys(require.cache).some((file) => file.includes("/node_modules/" + name + "/"));
require("./infra/pulumi/lazy-sdk-modules.cjs");
const pulumi = require("@pulumi/pulumi");
require("@pulumi/pulumi/cmd/run/tracing");
const afterImport = {
  typescript: loaded("typescript"),
  arborist: loaded("@npmcli/arborist"),
  normalizer: loaded("normalize-package-data"),
  fdir: loaded("fdir"),
  tracer: loaded("@opentelemetry/sdk-trace-node"),
  automation: loaded("@pulumi/pulumi/automation"),
};
const answer = 42;
pulumi.runtime.serializeFunction(() => answer + 1).then(async (serialized) => {
  const automationWorkspace = typeof pulumi.automation.LocalWorkspace;
  const codePaths = [...(await pulumi.runtime.computeCodePaths({ extraIncludePackages: ["semver"] })).keys()];
  console.log(JSON.stringify({ afterImport, automationWorkspace, text: serialized.text, typescript: loaded("typescript"), codePaths }));
});
`;

interface ProbeResult {
  afterImport: Record<"typescript" | "arborist" | "normalizer" | "fdir" | "tracer" | "automation", boolean>;
  automationWorkspace: string;
  text: string;
  typescript: boolean;
  codePaths: string[];
}

describe("deferred SDK imports", () => {
  const result = JSON.parse(
    execFileSync(process.execPath, ["-e", PROBE], {
      cwd: ROOT,
      encoding: "utf8",
      // Captured, not printed: arborist warns about packages outside the probe's tree.
      stdio: ["ignore", "pipe", "pipe"],
    }),
  ) as ProbeResult;

  it("loading the SDK and its runner's tracing loads neither TypeScript, the code-path modules, the tracer nor the Automation API", () => {
    assert.deepEqual(result.afterImport, {
      typescript: false,
      arborist: false,
      normalizer: false,
      fdir: false,
      tracer: false,
      automation: false,
    });
  });

  it("the Automation API is still there on first use", () => {
    assert.equal(result.automationWorkspace, "function");
  });

  it("serializes a function as before, loading TypeScript when it first parses one", () => {
    assert.match(result.text, /answer: 42/);
    assert.match(result.text, /=> answer \+ 1/);
    assert.equal(result.typescript, true);
  });

  it("computes a closure's code paths on first use, through the deferred arborist, fdir and normalize-package-data", () => {
    assert.ok(result.codePaths.includes("node_modules/semver"), result.codePaths.join(", "));
  });
});
