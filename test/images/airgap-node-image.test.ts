/**
 * kafka-airgap/node:22, the base of the producer and consumer images: a Node.js that satisfies
 * @faker-js/faker 10 (>= 20.19), a working npm for `npm ci` in build stages, tini, the
 * non-root `node` user of the official image, and the CAs the building host trusts.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { ensureAirgapImages, NODE_IMAGE } from "../support/airgap-images.js";
import { docker, dockerUnavailableReason } from "../support/commands.js";

const unavailable = dockerUnavailableReason();
const skip = unavailable !== undefined && process.env.CI !== "true" ? unavailable : false;

const SYSTEM_BUNDLE = "/etc/ssl/certs/ca-certificates.crt";
const SHIPPED_CAS = "/usr/share/ca-certificates";

/** The base64 bodies of the PEM certificates in TEXT. */
function certificateBodies(text: string): Set<string> {
  const bodies = new Set<string>();
  for (const match of text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)) {
    bodies.add((match[1] ?? "").replace(/\s+/g, ""));
  }
  return bodies;
}

/** The CAs this host adds to those its distribution ships: what images/build.sh puts into the image. */
function hostAddedCertificates(): Set<string> {
  if (!existsSync(SYSTEM_BUNDLE)) return new Set();
  const added = certificateBodies(readFileSync(SYSTEM_BUNDLE, "utf8"));
  if (existsSync(SHIPPED_CAS)) {
    const shipped = readdirSync(SHIPPED_CAS, { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".crt"))
      .map((file) => readFileSync(path.join(SHIPPED_CAS, file), "utf8"));
    for (const body of certificateBodies(shipped.join("\n"))) added.delete(body);
  }
  return added;
}

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

    // Debian's CAs plus the ones this host adds (an HTTPS proxy's CA), and Node reads that bundle.
    assert.equal(await runInImage(["printenv", "NODE_EXTRA_CA_CERTS"]), SYSTEM_BUNDLE);
    const imageBundle = certificateBodies(await runInImage(["cat", SYSTEM_BUNDLE]));
    assert.ok(imageBundle.size > 100, `${SYSTEM_BUNDLE} in the image holds ${imageBundle.size} certificates`);
    const missing = [...hostAddedCertificates()].filter((body) => !imageBundle.has(body));
    assert.equal(missing.length, 0, `${missing.length} CA(s) this host trusts are not in the image`);
  },
);
