// The SDK's dynamic-provider host (the program's dynamic resources run in it), started with the SDK's
// heaviest imports deferred: it answers the engine about 0.45 s sooner, and the stack's first resources
// (the network first) wait for it. Its modules load from V8's code cache.
require("../compile-cache.cjs");
require("../lazy-sdk-modules.cjs");
require("@pulumi/pulumi/cmd/dynamic-provider");
