/**
 * The docker resource plugin the program's @pulumi/docker asks for: the same version, installed where the
 * Pulumi CLI looks for plugins. Automatic plugin downloads are off in the tests, so a missing one is named.
 */
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const SDK_PACKAGE = path.resolve(__dirname, "../../../node_modules/@pulumi/docker/package.json");
const DOCKER_PLUGIN_VERSION = (JSON.parse(readFileSync(SDK_PACKAGE, "utf8")) as { version: string }).version;

/** Why the docker plugin is missing, with the commands that install it, or undefined when it is there. */
export function dockerPluginUnavailableReason(): string | undefined {
  const home = process.env.PULUMI_HOME ?? path.join(os.homedir(), ".pulumi");
  const binary = path.join(
    home,
    "plugins",
    `resource-docker-v${DOCKER_PLUGIN_VERSION}`,
    "pulumi-resource-docker",
  );
  if (existsSync(binary)) return undefined;
  return (
    `the Pulumi docker plugin ${DOCKER_PLUGIN_VERSION} is not installed (${binary} is missing): ` +
    `run 'npm run toolchain' (pulumi plugin install resource docker ${DOCKER_PLUGIN_VERSION}), or without ` +
    `internet access 'pulumi plugin install resource docker ${DOCKER_PLUGIN_VERSION} --file PATH-TO/pulumi-resource-docker'`
  );
}
