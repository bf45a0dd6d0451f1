/**
 * The local Kubernetes cluster that `npm run toolchain -- kubernetes` runs, as the end-to-end suite uses it:
 * its kubeconfig and kubectl for this process and the Pulumi CLI it starts, the Kafka image in its registry,
 * and what a namespace holds (pods with their readiness and start times, claims, logs).
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { imageTag, type DockerIdentity } from "../../../infra/docker/identity.js";
import { kubectl as kubectlWith } from "../../../infra/kubernetes/kubectl.js";
import { REPO_ROOT } from "../../engine/pulumi-engine.js";
import { docker, dockerExitCode } from "../../support/commands.js";

/** The local registry the cluster pulls from, as stacks name it. */
export const LOCAL_REGISTRY = "localhost:5000";

/** The toolchain's paths, read from the scripts that define them. */
function toolchainPaths(): { kubeconfig: string; bin: string } {
  const script =
    '. scripts/toolchain/lib.sh && . scripts/toolchain/versions.sh && . scripts/toolchain/kubernetes/env.sh && echo "$KUBECONFIG_PATH" && echo "$K8S_TOOLS"';
  const [kubeconfig = "", bin = ""] = execFileSync("bash", ["-c", script], {
    cwd: REPO_ROOT,
    encoding: "utf8",
  })
    .trim()
    .split("\n");
  return { kubeconfig, bin };
}

/**
 * Points this process (and so the Pulumi CLI and the dynamic providers it starts) at the local cluster;
 * returns why it cannot, or undefined.
 */
export function useLocalKubernetes(): string | undefined {
  const { kubeconfig, bin } = toolchainPaths();
  if (!existsSync(kubeconfig))
    return `no local cluster: ${kubeconfig} is missing (npm run toolchain -- kubernetes)`;
  process.env["KUBECONFIG"] = kubeconfig;
  process.env["PATH"] = `${bin}${path.delimiter}${process.env["PATH"] ?? ""}`;
  try {
    execFileSync("kubectl", ["get", "--raw", "/readyz"], { stdio: "pipe", timeout: 10_000 });
  } catch (error) {
    return `the local cluster does not answer: ${(error as Error).message.split("\n")[0] ?? ""}`;
  }
  const plugins = path.join(
    process.env["PULUMI_HOME"] ?? path.join(process.env["HOME"] ?? "", ".pulumi"),
    "plugins",
  );
  if (!existsSync(path.join(plugins, "resource-kubernetes-v4.25.0")))
    return "the Pulumi kubernetes plugin 4.25.0 is not installed (npm run toolchain -- kubernetes)";
  return undefined;
}

/** `kubectl ARGS` against the cluster KUBECONFIG names. */
export function kubectl(args: string[]): Promise<string> {
  return kubectlWith({}, args);
}

/** Tags a local image into the cluster's registry and pushes it; returns the name pods use. */
export async function pushToLocalRegistry(image: string): Promise<string> {
  const pushed = `${LOCAL_REGISTRY}/${image}`;
  await docker(["tag", image, pushed]);
  await docker(["push", "-q", pushed]);
  return pushed;
}

/**
 * Removes the local tags of the app images a Kubernetes stack built and pushed: destroy keeps them, and a
 * scratch stack's are of no further use.
 */
export async function removePushedAppImages(identity: DockerIdentity): Promise<void> {
  for (const app of ["producer", "consumer"])
    await dockerExitCode(["rmi", `${LOCAL_REGISTRY}/${imageTag(identity, app)}`]);
}

export interface PodState {
  name: string;
  uid: string;
  ready: boolean;
  /** When its container last started (ms since the epoch). */
  startedAt: number;
  restartCount: number;
}

/**
 * The namespace's pods, keyed by name, without those being deleted: a replica that a scale-down or a replacement
 * is still stopping (the consumer takes up to 3 s) is no longer one of its workload's pods.
 */
export async function podStates(namespace: string): Promise<Map<string, PodState>> {
  const listed = JSON.parse(await kubectl(["get", "pods", "-n", namespace, "-o", "json"])) as {
    items: {
      metadata: { name: string; uid: string; deletionTimestamp?: string };
      status: {
        conditions?: { type: string; status: string }[];
        containerStatuses?: { restartCount: number; state: { running?: { startedAt: string } } }[];
      };
    }[];
  };
  return new Map(
    listed.items
      .filter((pod) => pod.metadata.deletionTimestamp === undefined)
      .map((pod) => {
        const container = pod.status.containerStatuses?.[0];
        const state = {
          name: pod.metadata.name,
          uid: pod.metadata.uid,
          ready: pod.status.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false,
          startedAt: Date.parse(container?.state.running?.startedAt ?? "") || 0,
          restartCount: container?.restartCount ?? 0,
        };
        return [state.name, state];
      }),
  );
}

/** The JSON lines a workload (`deployment/consumer`) logged. */
export async function workloadLogLines(
  namespace: string,
  workload: string,
): Promise<Record<string, unknown>[]> {
  const logs = await kubectl(["logs", "-n", namespace, workload, "--tail=-1"]);
  return logs
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Every object of the namespace (workloads, services, claims, config), or undefined when it is gone. */
export async function namespaceObjects(namespace: string): Promise<string[] | undefined> {
  const exists = await kubectl(["get", "namespace", namespace, "-o", "name"]).catch(() => "");
  if (exists.trim() === "") return undefined;
  const listed = await kubectl([
    "get",
    "pods,statefulsets,deployments,jobs,services,persistentvolumeclaims,poddisruptionbudgets",
    "-n",
    namespace,
    "-o",
    "name",
  ]);
  return listed.split("\n").filter((line) => line !== "");
}
