import js from "@eslint/js";
import tseslint from "typescript-eslint";

const KAFKAJS_ONLY_BEHIND_OUR_CLIENT = {
  name: "kafkajs",
  message:
    "kafkajs stays behind AppProducer and AppConsumer: import it only in the kafka-*.ts and *-settings.ts modules.",
};

/**
 * Import rules of one folder of apps/src: no other role's folder, and kafkajs only in the
 * modules that wrap it (a later block's options replace an earlier one's for the same rule).
 */
function appsFolder(folder, otherRoles) {
  const patterns = otherRoles.map((role) => ({
    group: [`../${role}/*`],
    message: `apps/src/${folder} does not use apps/src/${role}; code both roles use belongs in apps/src/shared.`,
  }));
  const kafkaModules = [`apps/src/${folder}/kafka-*.ts`, `apps/src/${folder}/*-settings.ts`];
  return [
    {
      files: [`apps/src/${folder}/**/*.ts`],
      rules: { "no-restricted-imports": ["error", { paths: [KAFKAJS_ONLY_BEHIND_OUR_CLIENT], patterns }] },
    },
    { files: kafkaModules, rules: { "no-restricted-imports": ["error", { patterns }] } },
  ];
}

const INFRA_FOLDERS = [
  "admin",
  "apps",
  "cluster",
  "config",
  "docker",
  "kafka",
  "kubernetes",
  "pulumi",
  "topics",
];

/**
 * Import rules of one folder of infra/: only the folders below it (`mayUse`), never the stack that
 * composes them; `paths` adds libraries the folder must not use.
 */
function infraLayer(folder, mayUse, paths = []) {
  const others = INFRA_FOLDERS.filter((other) => other !== folder && !mayUse.includes(other));
  const uses =
    mayUse.length === 0
      ? "imports nothing else of infra/"
      : `uses only ${mayUse.map((used) => `${used}/`).join(", ")}`;
  const message = `infra/${folder} ${uses}: what sits above it imports it, not the other way round.`;
  const group = [...others.flatMap((other) => [`../${other}`, `../${other}/*`]), "../stack", "../index"];
  return {
    files: [`infra/${folder}/**/*.ts`],
    rules: { "no-restricted-imports": ["error", { paths, patterns: [{ group, message }] }] },
  };
}

/** What the pure Kafka conventions may not touch: platforms, clients, processes. */
const NOT_PURE = [
  "@pulumi/pulumi",
  "@pulumi/docker",
  "@pulumi/kubernetes",
  "kafkajs",
  "node:child_process",
].map((name) => ({
  name,
  message: "infra/kafka holds Kafka's conventions as pure functions: no platform, client or I/O.",
}));

export default tseslint.config(
  { ignores: ["node_modules/", "**/dist/", "**/node_modules/", ".pulumi/", "bench/results/"] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // The apps' layout: producer/ and consumer/ each use shared/, never each other; shared/ uses neither.
  ...appsFolder("shared", ["producer", "consumer"]),
  ...appsFolder("producer", ["consumer"]),
  ...appsFolder("consumer", ["producer"]),
  // infra's layers: kafka/ (pure conventions) and pulumi/ (SDK helpers) at the bottom, then the admin client
  // and the docker/ helpers, the config reader, and the components (topics/, cluster/, apps/) on top.
  infraLayer("kafka", [], NOT_PURE),
  infraLayer("pulumi", []),
  infraLayer("admin", ["kafka"]),
  infraLayer("docker", ["kafka", "pulumi"]),
  infraLayer("config", ["kafka"]),
  infraLayer("topics", ["admin", "config", "kafka", "pulumi"]),
  infraLayer("cluster", ["admin", "config", "docker", "kafka", "pulumi", "topics"]),
  infraLayer("apps", ["config", "docker", "kafka", "pulumi"]),
  {
    files: ["**/*.mjs", "**/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
  {
    files: ["**/*.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { require: "readonly", module: "writable", __dirname: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
