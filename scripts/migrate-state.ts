/**
 * `node --import tsx scripts/migrate-state.ts STACK`, run by `npm run up` before `pulumi up` when
 * scripts/state-needs-migration.sh finds (or cannot rule out) the old network resource in the state: readies the
 * state of a stack brought up by an earlier version of the program. Such a stack's network is the docker
 * provider's resource; the program now declares its own (infra/docker/network.ts), which adopts the same
 * Docker network. Pulumi then deletes the old resource from the state, and its delete would try to remove
 * the network the containers still use, so it is marked retained: it leaves the state, the network stays.
 * Prints what it changed, nothing when there was nothing to do.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

interface StateResource {
  urn: string;
  type: string;
  retainOnDelete?: boolean;
}

interface ExportedStack {
  deployment?: { resources?: StateResource[] };
}

/** The docker provider's network resources that still need `retainOnDelete`. */
export function providerNetworks(exported: ExportedStack): StateResource[] {
  return (exported.deployment?.resources ?? []).filter(
    (resource) =>
      resource.type === "docker:index/network:Network" &&
      resource.urn.endsWith("::kafka-network") &&
      resource.retainOnDelete !== true,
  );
}

function pulumi(args: string[]): string {
  return execFileSync("pulumi", args, { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
}

function migrate(stack: string): void {
  const exported = JSON.parse(pulumi(["stack", "export", "--stack", stack])) as ExportedStack;
  const networks = providerNetworks(exported);
  if (networks.length === 0) return;
  for (const network of networks) network.retainOnDelete = true;
  const dir = mkdtempSync(join(tmpdir(), "kafka-pulumi-state-"));
  try {
    const file = join(dir, "stack.json");
    writeFileSync(file, JSON.stringify(exported));
    pulumi(["stack", "import", "--stack", stack, "--file", file]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    `stack ${stack}: its network now belongs to the program's own network resource; the docker ` +
      `provider's resource (${networks.map((n) => n.urn).join(", ")}) leaves the state and the network stays`,
  );
}

if (process.argv[1]?.endsWith("migrate-state.ts")) {
  const stack = process.argv[2];
  if (stack === undefined) throw new Error("usage: migrate-state.ts STACK");
  migrate(stack);
}
