/**
 * The stack's outputs, as `pulumi stack output --json` gives them: where the brokers answer and which
 * members (containers or pods) make up the stack. The status reads the cluster from these, never from
 * names it guesses. The CLI runs with the environment `npm run up` gives it (scripts/pulumi-env.sh).
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { pulumi, REPO_ROOT } from "./pulumi-cli";

/** The stack `npm run up` brought up last, which `npm run destroy` also defaults to. */
const LAST_STACK_FILE = path.join(REPO_ROOT, ".pulumi-stack");

const common = {
  bootstrapServers: z.string().min(1),
  /** Absent in KRaft mode. */
  zookeeperConnect: z.string().optional(),
  topics: z.array(z.string()).default([]),
};

/** The outputs of a stack on Docker (infra/stack.ts); stacks from before `platform` existed are Docker's. */
const DockerOutputs = z.object({
  platform: z.literal("docker"),
  ...common,
  brokerContainers: z.array(z.string()),
  zookeeperContainers: z.array(z.string()).default([]),
  producerContainer: z.string().optional(),
  consumerContainer: z.string().optional(),
});

/** The outputs of a stack on Kubernetes (infra/kubernetes/kubernetes-stack.ts). */
const KubernetesOutputs = z.object({
  platform: z.literal("kubernetes"),
  namespace: z.string(),
  ...common,
  brokerPods: z.array(z.string()),
  producerWorkload: z.string().optional(),
  consumerWorkload: z.string().optional(),
});

const StackOutputsSchema = z.preprocess(
  (raw) => ({ platform: "docker", ...(raw as object) }),
  z.discriminatedUnion("platform", [DockerOutputs, KubernetesOutputs]),
);

/**
 * What the status needs of the outputs, the same on every platform: where the brokers answer, the mode, and
 * the members by role under the names the platform knows them by (containers, pods, workloads).
 */
export interface StackView {
  platform: "docker" | "kubernetes";
  /** The Kubernetes namespace; undefined on Docker. */
  namespace: string | undefined;
  bootstrapServers: string;
  mode: "zookeeper" | "kraft";
  /** Broker N's member is entry N - 1, as broker N's host address is entry N - 1 of bootstrapServers. */
  brokers: string[];
  zookeeper: string[];
  producer: string | undefined;
  consumer: string | undefined;
}

function viewOf(outputs: z.infer<typeof StackOutputsSchema>): StackView {
  const mode = outputs.zookeeperConnect === undefined ? "kraft" : "zookeeper";
  const common = { bootstrapServers: outputs.bootstrapServers, mode } as const;
  if (outputs.platform === "kubernetes") {
    return {
      ...common,
      platform: "kubernetes",
      namespace: outputs.namespace,
      brokers: outputs.brokerPods,
      zookeeper: [],
      producer: outputs.producerWorkload,
      consumer: outputs.consumerWorkload,
    };
  }
  return {
    ...common,
    platform: "docker",
    namespace: undefined,
    brokers: outputs.brokerContainers,
    zookeeper: outputs.zookeeperContainers,
    producer: outputs.producerContainer,
    consumer: outputs.consumerContainer,
  };
}

/** The stack cannot be read: it does not exist, is not up, or the CLI is missing. Its message is one line. */
export class StackUnavailable extends Error {
  override readonly name = "StackUnavailable";
}

/** The stack named on the command line, else the one `npm run up` used last, else `dev`. */
export function chosenStack(requested: string | undefined): string {
  if (requested !== undefined && requested !== "") return requested;
  if (existsSync(LAST_STACK_FILE)) return readFileSync(LAST_STACK_FILE, "utf8").trim() || "dev";
  return "dev";
}

/** Turns the CLI's answer into the stack's view, or a one-line StackUnavailable. */
export function parseStackOutputs(stack: string, json: string): StackView {
  const raw = JSON.parse(json) as Record<string, unknown>;
  if (Object.keys(raw).length === 0) {
    throw new StackUnavailable(
      `stack ${stack} is not up: it has no outputs (destroyed, or never brought up); 'npm run up -- ${stack}' brings it up`,
    );
  }
  const parsed = StackOutputsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StackUnavailable(
      `stack ${stack}'s outputs are not those of this program: ${issue?.path.join(".")}: ${issue?.message}`,
    );
  }
  return viewOf(parsed.data);
}

/** The view of `stack` from its outputs; throws StackUnavailable with one line when there are none to read. */
export async function readStackView(stack: string): Promise<StackView> {
  const json = await pulumi(["stack", "output", "--json", "--stack", stack]).catch((error: Error) => {
    const reason = error.message;
    if (/pulumi: (command )?not found/.test(reason)) {
      throw new StackUnavailable(
        `no Pulumi CLI to read stack ${stack} with; 'npm run toolchain' installs it`,
      );
    }
    if (/no stack named/i.test(reason)) {
      throw new StackUnavailable(
        `stack ${stack} does not exist (${reason}); 'pulumi stack ls' lists the stacks`,
      );
    }
    throw new StackUnavailable(`stack ${stack}'s outputs cannot be read: ${reason}`);
  });
  return parseStackOutputs(stack, json);
}
