/**
 * The stack network's dynamic provider, called as the Pulumi engine calls it, against the real Docker
 * engine: create, adopting the stack's own network, refusing another's, read after the network is gone,
 * the replacement diff and delete.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { after, test } from "node:test";
import { dockerLabels, dockerName, type DockerIdentity } from "../../infra/docker/identity";
import { networkProvider } from "../../infra/docker/network";
import { dockerUnavailableReason } from "../support/commands.js";

const unavailable = dockerUnavailableReason();
// Under CI a missing prerequisite fails the test; elsewhere it is reported as a skip.
const skip = unavailable !== undefined && process.env.CI !== "true" ? unavailable : false;

const identity: DockerIdentity = { project: "kafka-pulumi-test", stack: `net${Date.now().toString(36)}` };
const declared = { name: dockerName(identity, "network"), labels: dockerLabels(identity, "network") };
const { create, read, diff, delete: remove } = networkProvider;

function networkIds(name: string): string[] {
  const out = execFileSync("docker", ["network", "ls", "-q", "--no-trunc", "--filter", `name=^${name}$`]);
  return out.toString().split("\n").filter(Boolean);
}

after(() => {
  for (const id of networkIds(declared.name)) execFileSync("docker", ["network", "rm", id]);
});

test("the stack network through its provider and a real Docker engine", { skip }, async () => {
  if (unavailable) assert.fail(`the network test needs Docker: ${unavailable}`);
  assert.ok(read && diff && remove, "the provider implements read, diff and delete");

  const created = await create(declared);
  assert.deepEqual(networkIds(declared.name), [created.id], "one network, with the id the state records");
  assert.deepEqual(created.outs, declared);
  const labels = JSON.parse(
    execFileSync("docker", ["network", "inspect", "--format", "{{json .Labels}}", created.id]).toString(),
  ) as Record<string, string>;
  assert.deepEqual(labels, {
    "pulumi.project": identity.project,
    "pulumi.stack": identity.stack,
    "kafka-pulumi.role": "network",
  });

  // The same stack's network (an earlier program version's, or a lost state's) is adopted, not duplicated.
  assert.equal((await create(declared)).id, created.id);
  assert.deepEqual(networkIds(declared.name), [created.id]);

  // Another stack's network of that name is refused, with what to do.
  const other = { ...declared, labels: dockerLabels({ ...identity, stack: "other" }, "network") };
  await assert.rejects(create(other), (error: Error) => {
    assert.match(error.message, new RegExp(`Docker network ${declared.name} already exists`));
    assert.match(error.message, new RegExp(`belongs to stack ${identity.project}/${identity.stack}`));
    assert.match(error.message, /docker network rm/);
    return true;
  });

  assert.deepEqual(await read(created.id, declared), { id: created.id, props: declared });
  assert.deepEqual(await diff(created.id, declared, declared), {
    changes: false,
    replaces: [],
    deleteBeforeReplace: true,
  });
  assert.deepEqual(await diff(created.id, declared, other), {
    changes: true,
    replaces: ["labels"],
    deleteBeforeReplace: true,
  });

  await remove(created.id, declared);
  assert.deepEqual(networkIds(declared.name), []);
  // A refresh drops a network that is gone; a second delete finds nothing to do.
  assert.deepEqual(await read(created.id, declared), {});
  await remove(created.id, declared);
});
