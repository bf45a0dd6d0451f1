// The SDK's dynamic-provider host (the program's dynamic resources run in it), started with the SDK's
// heaviest imports deferred: it answers the engine about 0.45 s sooner, and the stack's first resources
// (the teardown and the network) wait for it.
require("../lazy-sdk-modules.cjs");
require("@pulumi/pulumi/cmd/dynamic-provider");
