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
  tracer: loaded("@opentelemetry/sdk-trace-node"),
  automation: loaded("@pulumi/pulumi/automation"),
};
const answer = 42;
pulumi.runtime.serializeFunction(() => answer + 1).then((serialized) => {
  const automationWorkspace = typeof pulumi.automation.LocalWorkspace;
  console.log(JSON.stringify({ afterImport, automationWorkspace, text: serialized.text, typescript: loaded("typescript") }));
});
`;

interface ProbeResult {
  afterImport: { typescript: boolean; arborist: boolean; tracer: boolean; automation: boolean };
  automationWorkspace: string;
  text: string;
  typescript: boolean;
}

describe("deferred SDK imports", () => {
  const result = JSON.parse(
    execFileSync(process.execPath, ["-e", PROBE], { cwd: ROOT, encoding: "utf8" }),
  ) as ProbeResult;

  it("loading the SDK and its runner's tracing loads neither TypeScript, arborist, the tracer nor the Automation API", () => {
    assert.deepEqual(result.afterImport, {
      typescript: false,
      arborist: false,
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
});
