/**
 * The stack's teardown: one resource whose delete removes all of the stack's containers, volumes and network
 * at once. Every other resource is `deletedWith` the teardown's scope, which `pulumi destroy` deletes too, so
 * Pulumi skips their own deletes: the docker provider would stop each broker gracefully even when its data is
 * about to go, and waits 2 s after each network or volume removal. When a resource leaves the program or is
 * replaced (a rolling change), the scope stays and that resource's own delete runs.
 */
import * as pulumi from "@pulumi/pulumi";
import { actionProvider } from "../pulumi/action-provider";
import { docker, lines, ownedBy, ROLE_LABEL } from "./docker-cli";
import type { DockerIdentity, Role } from "./identity";
import { dynamicProvider, KafkaDynamicResource } from "../pulumi/dynamic-resource";

interface TeardownState extends DockerIdentity {
  retainData: boolean;
  /** `docker stop --time` when the data stays. */
  stopGraceSeconds: number;
}

// With retainData the servers stop cleanly, in dependency order (a broker's controlled shutdown needs
// ZooKeeper), so that the next `up` finds closed logs; otherwise their data is deleted, so they are killed.
const STOP_ORDER: Role[][] = [["producer", "consumer"], ["broker"], ["zookeeper"]];

async function tearDown(state: TeardownState): Promise<void> {
  const owned = lines(
    await docker(["ps", "-a", ...ownedBy(state), "--format", `{{.ID}} {{.Label "${ROLE_LABEL}"}}`]),
  );
  const containers = owned.map((line) => line.split(" "));
  if (state.retainData) {
    for (const roles of STOP_ORDER) {
      const stopping = containers.filter(([, role]) => roles.includes(role as Role)).map(([id]) => id ?? "");
      if (stopping.length > 0) await docker(["stop", "--time", String(state.stopGraceSeconds), ...stopping]);
    }
  }
  if (containers.length > 0)
    await docker(["rm", "--force", "--volumes", ...containers.map(([id]) => id ?? "")]);
  if (!state.retainData) {
    const volumes = lines(await docker(["volume", "ls", "-q", ...ownedBy(state)]));
    if (volumes.length > 0) await docker(["volume", "rm", "--force", ...volumes]);
  }
  const networks = lines(await docker(["network", "ls", "-q", ...ownedBy(state)]));
  if (networks.length > 0) await docker(["network", "rm", ...networks]);
}

// Nothing to do when created or updated; everything when deleted.
const teardownProvider: pulumi.dynamic.ResourceProvider<TeardownState, TeardownState> = {
  ...actionProvider<TeardownState>(
    (inputs) => `${inputs.project}-${inputs.stack}`,
    async () => undefined,
  ),
  async delete(_id, props) {
    await tearDown(props);
  },
};

export interface StackTeardownArgs {
  identity: DockerIdentity;
  /** Keep the data volumes (and stop the servers cleanly first). */
  retainData: boolean;
  /** How long a server gets to stop cleanly when the data stays. */
  stopGraceSeconds: number;
}

const stackTeardownResource = dynamicProvider("StackTeardown", teardownProvider);

export class StackTeardown extends KafkaDynamicResource {
  constructor(name: string, args: StackTeardownArgs, opts?: pulumi.CustomResourceOptions) {
    const { identity, ...rest } = args;
    super(stackTeardownResource, name, { ...identity, ...rest }, opts);
  }
}

/**
 * What the stack's other resources are `deletedWith`. A resource waits for the URN of its `deletedWith`, which
 * the engine returns once that resource is created: for the teardown, only after the dynamic-provider host has
 * started, while a component's comes back at once. Declared beside the teardown, never without it.
 */
export class TeardownScope extends pulumi.ComponentResource {
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("kafka-pulumi:index:TeardownScope", name, {}, opts);
    this.registerOutputs({});
  }
}
