// Pulumi's entry point (package.json main). It runs the compiled program (`npm run build:program`, which
// `npm run up`, `npm test` and the bench run first) while it is newer than every file it was built from, and
// otherwise the TypeScript program through tsx, so that an edit followed by a plain `pulumi up` runs the edit.
// The compiled program starts about 0.5 s sooner. Type checks are `npm run typecheck`'s job.
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..");
// Two folders below the root, as the modules under infra/<folder>/ are, so their paths from __dirname hold.
const compiled = path.join(root, "dist", "infra", "program.cjs");
const built = path.join(root, "dist", "infra", "program.meta.json");

/** Whether the compiled program exists and no file it was built from changed since. */
function compiledIsCurrent() {
  try {
    const builtAt = fs.statSync(compiled).mtimeMs;
    const { inputs } = JSON.parse(fs.readFileSync(built, "utf8"));
    return Object.keys(inputs).every((input) => fs.statSync(path.join(root, input)).mtimeMs <= builtAt);
  } catch {
    return false;
  }
}

// Before the SDK's index, which would load them (Pulumi.yaml's nodeargs load both earlier where the language
// host passes them).
require("./pulumi/compile-cache.cjs");
require("./pulumi/lazy-sdk-modules.cjs");
// The SDK's few hundred modules load before tsx's loader hooks are installed, so they skip them.
require("@pulumi/pulumi");
// The SDK records a stack trace for every promise it makes, and the source-map-support hook that its
// runner (and ts-node) install formats each one slowly; Node maps source maps in traces itself.
Error.prepareStackTrace = undefined;
if (compiledIsCurrent()) {
  module.exports = require(compiled);
} else {
  // tsx also loads the rules the program shares with the apps' ES modules, which the ts-node bundled with
  // Pulumi's nodejs runtime cannot.
  require("tsx/cjs");
  module.exports = require("./index.ts");
}
