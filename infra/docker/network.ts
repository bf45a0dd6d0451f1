/**
 * The stack's bridge network, made with the docker CLI. The docker provider's network resource waits a
 * fixed 2 s after each create and each read (so on every refresh) before it looks at the network, and
 * every container waits for the network: those 2 s were on the critical path of each cold `up`.
 */
import * as pulumi from "@pulumi/pulumi";
import { docker, PROJECT_LABEL, STACK_LABEL } from "./docker-cli";
import type { DockerLabel } from "./identity";
import { dynamicProvider, KafkaDynamicResource } from "../pulumi/dynamic-resource";

interface NetworkState {
  name: string;
  labels: DockerLabel[];
}

// A network by name or id: its id and the stack its labels name (`<project>/<stack>`, empty when
// unlabelled), or undefined when there is no such network.
async function inspect(nameOrId: string): Promise<{ id: string; owner: string } | undefined> {
  let output: string;
  try {
    output = await docker(["network", "inspect", "--format", "{{.Id}} {{json .Labels}}", nameOrId]);
  } catch (error) {
    if (/No such network|not found/i.test(String(error))) return undefined;
    throw error;
  }
  const [id = "", json = "null"] = output.trim().split(/ (.*)/s);
  const labels = (JSON.parse(json) ?? {}) as Record<string, string>;
  const project = labels[PROJECT_LABEL];
  const stack = labels[STACK_LABEL];
  return { id, owner: project === undefined || stack === undefined ? "" : `${project}/${stack}` };
}

function ownerOf(state: NetworkState): string {
  const value = (label: string) => state.labels.find((l) => l.label === label)?.value ?? "";
  return `${value(PROJECT_LABEL)}/${value(STACK_LABEL)}`;
}

export const networkProvider: pulumi.dynamic.ResourceProvider<NetworkState, NetworkState> = {
  // A network of this name that carries this stack's labels is this stack's own: made by an earlier
  // version of the program (the docker provider's resource) or left behind when its state was lost. The
  // create comes first (one docker call on the usual path; every container waits for it), the owner check
  // only when the name is taken.
  async create(inputs) {
    const labels = inputs.labels.flatMap(({ label, value }) => ["--label", `${label}=${value}`]);
    try {
      const id = (await docker(["network", "create", "--driver", "bridge", ...labels, inputs.name])).trim();
      return { id, outs: inputs };
    } catch (error) {
      const existing = /already exists/i.test(String(error)) ? await inspect(inputs.name) : undefined;
      if (existing === undefined) throw error;
      if (existing.owner === ownerOf(inputs)) return { id: existing.id, outs: inputs };
      throw new Error(
        `Docker network ${inputs.name} already exists and belongs to ` +
          (existing.owner === "" ? "no Pulumi stack" : `stack ${existing.owner}`) +
          `, not to ${ownerOf(inputs)}: remove it (docker network rm ${inputs.name}) or use another stack name`,
      );
    }
  },

  // A refresh drops a network that is gone from the state, so that the next `up` makes it again.
  async read(id, props) {
    return (await inspect(id)) === undefined ? {} : { id, props };
  },

  async diff(_id, olds, news) {
    const replaces = (["name", "labels"] as const).filter(
      (key) => JSON.stringify(olds[key]) !== JSON.stringify(news[key]),
    );
    // The name is fixed per stack, so the old network (and, through the dependency, its containers)
    // must go before the new one is made.
    return { changes: replaces.length > 0, replaces, deleteBeforeReplace: true };
  },

  async delete(id) {
    if ((await inspect(id)) !== undefined) await docker(["network", "rm", id]);
  },
};

export interface StackNetworkArgs {
  /** The network's Docker name, `<project>-<stack>-network`. */
  name: string;
  /** The ownership labels (identity.ts). */
  labels: DockerLabel[];
}

const stackNetworkResource = dynamicProvider("StackNetwork", networkProvider);

export class StackNetwork extends KafkaDynamicResource {
  /** The Docker name, for the containers' `networksAdvanced`. */
  declare readonly name: pulumi.Output<string>;

  constructor(name: string, args: StackNetworkArgs, opts?: pulumi.CustomResourceOptions) {
    super(stackNetworkResource, name, { ...args }, opts);
  }
}
