import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";

const ROOT = path.join(__dirname, "..", "..");

// A plain node process, as the program and the dynamic-provider host run, with the cache in a scratch directory.
const PROBE = `
const Module = require("node:module");
require("./infra/pulumi/compile-cache.cjs");
const builtIn = typeof Module.getCompileCacheDir === "function" ? Module.getCompileCacheDir() : undefined;
const packaged = Object.keys(require.cache).some((file) => file.includes("/node_modules/v8-compile-cache/"));
require("typescript");
console.log(JSON.stringify({ cached: builtIn !== undefined || packaged }));
`;

describe("V8 code cache", () => {
  it("is on for the modules a Pulumi command loads, kept outside the project", () => {
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), "compile-cache-test-"));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_COMPILE_CACHE: cacheDir,
      V8_COMPILE_CACHE_CACHE_DIR: cacheDir,
    };
    delete env["DISABLE_V8_COMPILE_CACHE"];
    const output = execFileSync(process.execPath, ["-e", PROBE], { cwd: ROOT, env, encoding: "utf8" });
    try {
      assert.deepEqual(JSON.parse(output), { cached: true });
      assert.ok(
        readdirSync(cacheDir, { recursive: true }).length > 0,
        "compiled code was written to the cache",
      );
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});
