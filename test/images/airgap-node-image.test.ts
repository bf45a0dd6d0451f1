/**
 * kafka-airgap/node:22, the base of the producer and consumer images: a Node.js that satisfies
 * @faker-js/faker 10 (>= 20.19), a working npm for `npm ci` in build stages, tini and the
 * non-root `node` user of the official image.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { ensureAirgapImages, NODE_IMAGE } from "./airgap-images.js";
import { docker, dockerUnavailableReason } from "./docker-cli.js";

const unavailable = dockerUnavailableReason();
const skip = unavailable !== undefined && process.env.CI !== "true" ? unavailable : false;

async function runInImage(args: string[]): Promise<string> {
  return (await docker(["run", "--rm", NODE_IMAGE, ...args], 120_000)).stdout.trim();
}

test(
  "air-gapped Node image has node 22, npm, npx, tini and user node",
  { skip, timeout: 30 * 60_000 },
  async () => {
    if (unavailable) assert.fail(`the image tests need Docker: ${unavailable}`);
    await ensureAirgapImages();

    const version = await runInImage(["node", "--version"]);
    const [major, minor] = version.replace(/^v/, "").split(".").map(Number);
    assert.equal(major, 22, `node ${version}`);
    assert.ok((minor ?? 0) >= 19, `node ${version} must be >= 20.19 for @faker-js/faker 10`);

    assert.match(await runInImage(["npm", "--version"]), /^\d+\.\d+\.\d+$/);
    assert.match(await runInImage(["npx", "--version"]), /^\d+\.\d+\.\d+$/);
    assert.match(await runInImage(["tini", "--version"]), /^tini version/);
    assert.equal(await runInImage(["id", "-u", "node"]), "1000");
    // npm can install into a project as the node user (what `npm ci` in a build stage relies on).
    const installed = await docker(
      [
        ...["run", "--rm", "--user", "node", "-w", "/home/node", NODE_IMAGE, "bash", "-c"],
        "npm init -y >/dev/null && npm pkg get name",
      ],
      120_000,
    );
    assert.equal(installed.stdout.trim(), '"node"');
  },
);
