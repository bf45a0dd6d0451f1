// Pulumi's entry point (package.json main). tsx runs the TypeScript program, including the rules it
// shares with the apps' ES modules, which the ts-node bundled with Pulumi's nodejs runtime cannot load.
// Type checks are `npm run typecheck`'s job.
require("tsx/cjs");
module.exports = require("./index.ts");
