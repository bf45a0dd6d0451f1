// Pulumi's entry point (package.json main). tsx runs the TypeScript program, including the rules it
// shares with the apps' ES modules, which the ts-node bundled with Pulumi's nodejs runtime cannot load.
// Type checks are `npm run typecheck`'s job.

// The SDK's few hundred modules load before tsx's loader hooks are installed, so they skip them.
require("@pulumi/pulumi");
// The SDK records a stack trace for every promise it makes, and the source-map-support hook that its
// runner (and ts-node) install formats each one slowly; Node maps tsx's source maps in traces itself.
Error.prepareStackTrace = undefined;
require("tsx/cjs");
module.exports = require("./index.ts");
