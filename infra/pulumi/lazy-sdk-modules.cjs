// Defers the Pulumi SDK's heaviest imports until first use. Importing @pulumi/pulumi loads the TypeScript
// compiler (only function serialization parses with it) and npm's @npmcli/arborist, normalize-package-data and
// fdir (only the code-path computation of serialized closures uses them): about 0.5 s of every process that
// loads the SDK, the program and the dynamic-provider host alike, and both are on the critical path of every
// `pulumi up`. Its index also loads the Automation API (about 50 ms), which neither uses, and its program
// runner loads OpenTelemetry's tracer (about 0.2 s), used only when the engine asks for traces. Pulumi.yaml's
// `nodeargs` installs this before the runner, where the language host passes them.
// Each import from the SDK's own files gets a stand-in that loads the real module on first access.
const Module = require("node:module");
const path = require("node:path");

const DEFERRED = new Set([
  "./automation",
  "@npmcli/arborist",
  "normalize-package-data",
  "fdir",
  "typescript",
  "@opentelemetry/exporter-zipkin",
  "@opentelemetry/instrumentation",
  "@opentelemetry/instrumentation-grpc",
  "@opentelemetry/resources",
  "@opentelemetry/sdk-trace-base",
  "@opentelemetry/sdk-trace-node",
]);
const SDK_DIR = `${path.sep}@pulumi${path.sep}pulumi${path.sep}`;
const load = Module._load;

Module._load = function loadDeferred(request, parent, isMain) {
  if (!DEFERRED.has(request) || !parent?.filename?.includes(SDK_DIR)) return load.apply(this, arguments);
  // A module that is not installed fails here, as it would without the stand-in (the SDK then falls back
  // to its vendored TypeScript).
  Module._resolveFilename(request, parent, isMain);
  let real;
  const target = () => (real ??= load.call(this, request, parent, isMain));
  return new Proxy(
    {},
    {
      // `__esModule` lets TypeScript's import helpers take the stand-in as it is instead of copying its keys.
      get: (_, key) => {
        if (key === "__esModule") return true;
        const module = target();
        // What TypeScript's helpers give `import x from` a CommonJS module: the module itself.
        if (key === "default" && !module?.__esModule) return module;
        return Reflect.get(module, key);
      },
      has: (_, key) => Reflect.has(target(), key),
      ownKeys: () => Reflect.ownKeys(target()),
      getOwnPropertyDescriptor: (_, key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(target(), key);
        return descriptor === undefined ? undefined : { ...descriptor, configurable: true };
      },
    },
  );
};
