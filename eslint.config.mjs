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
  {
    files: ["**/*.mjs", "**/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
  {
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly", module: "writable" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
