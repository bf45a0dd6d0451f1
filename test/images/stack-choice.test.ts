/**
 * `npm run up` picks its stack with scripts/stack-choice.sh: the requested stack when its images are local or
 * pullable; otherwise dev falls back to airgap with a one-line explanation, and other stacks are refused.
 * The script runs from a scratch copy of the project so that the stack files can name images at will.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import {
  ensureAirgapImages,
  KAFKA_IMAGE,
  NODE_IMAGE,
  REPO_ROOT,
  ZOOKEEPER_IMAGE,
} from "../support/airgap-images.js";
import { dockerUnavailableReason } from "../support/commands.js";

const unavailable = dockerUnavailableReason();
// Under CI a missing daemon fails the test; elsewhere it is reported as a skip.
const skip = unavailable !== undefined && process.env.CI !== "true" ? unavailable : false;
// A name no registry serves: pulling it fails with or without network access.
const NOWHERE = "kafka-pulumi-test/no-such-image:0";

function stackFile(images: { kafka: string; zookeeper: string; node: string }): string {
  return [
    "config:",
    `  kafka-pulumi:kafkaImage: ${images.kafka}`,
    `  kafka-pulumi:zookeeperImage: ${images.zookeeper}`,
    `  kafka-pulumi:nodeImage: ${images.node}`,
    "",
  ].join("\n");
}

function choose(project: string, stack: string) {
  const result = spawnSync("bash", [path.join(project, "scripts/stack-choice.sh"), stack], {
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
}

test("npm run up chooses its stack by the images it can get", { skip, timeout: 30 * 60_000 }, async (t) => {
  if (unavailable) assert.fail(`the image tests need Docker: ${unavailable}`);
  await ensureAirgapImages();
  const project = mkdtempSync(path.join(os.tmpdir(), "stack-choice-"));
  try {
    mkdirSync(path.join(project, "scripts"));
    copyFileSync(
      path.join(REPO_ROOT, "scripts/stack-choice.sh"),
      path.join(project, "scripts/stack-choice.sh"),
    );
    // The project file supplies the default images.
    copyFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), path.join(project, "Pulumi.yaml"));
    const local = { kafka: KAFKA_IMAGE, zookeeper: ZOOKEEPER_IMAGE, node: NODE_IMAGE };
    writeFileSync(path.join(project, "Pulumi.local.yaml"), stackFile(local));
    writeFileSync(path.join(project, "Pulumi.dev.yaml"), stackFile({ ...local, kafka: NOWHERE }));
    writeFileSync(path.join(project, "Pulumi.other.yaml"), stackFile({ ...local, node: NOWHERE }));

    await t.test("a stack whose images are all local is used as it is", () => {
      assert.deepEqual(choose(project, "local"), { status: 0, stdout: "local", stderr: "" });
    });

    await t.test("dev falls back to airgap and says why in one line", () => {
      const chosen = choose(project, "dev");
      assert.equal(chosen.status, 0);
      assert.equal(chosen.stdout, "airgap");
      assert.equal(chosen.stderr.split("\n").length, 1);
      assert.match(
        chosen.stderr,
        new RegExp(
          `stack dev needs ${NOWHERE}, which can be neither found locally nor pulled: using stack airgap`,
        ),
      );
    });

    await t.test("another stack without its images is refused with the keys to change", () => {
      const chosen = choose(project, "other");
      assert.equal(chosen.status, 1);
      assert.equal(chosen.stdout, "");
      assert.match(
        chosen.stderr,
        /stack other needs kafka-pulumi-test\/no-such-image:0.*set kafkaImage, zookeeperImage and nodeImage/,
      );
    });

    await t.test("airgap is used as it is", () => {
      assert.deepEqual(choose(project, "airgap"), { status: 0, stdout: "airgap", stderr: "" });
    });
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
});
