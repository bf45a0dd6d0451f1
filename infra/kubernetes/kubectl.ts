/**
 * The `kubectl` CLI, for what the kubernetes provider has no resource for: whether the brokers' pods are
 * ready at their revision (the readiness gates and rolling turns). It reaches the cluster the provider
 * reaches, from the same `kubernetes:kubeconfig`/`kubernetes:context` config or KUBECONFIG. Imports only
 * Node built-ins: code that uses it is serialized into dynamic providers.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** How kubectl finds the cluster; both unset means KUBECONFIG or ~/.kube/config, as for the provider. */
export interface KubeAccess {
  /** `kubernetes:kubeconfig`: a file's path or the kubeconfig itself. */
  kubeconfig?: string;
  /** `kubernetes:context`: a context of that kubeconfig. */
  context?: string;
}

/** Labels every object of a stack carries, and those the program selects pods by. */
export const PART_OF_LABEL = "app.kubernetes.io/part-of";
export const INSTANCE_LABEL = "app.kubernetes.io/instance";
export const COMPONENT_LABEL = "app.kubernetes.io/component";
export const NAME_LABEL = "app.kubernetes.io/name";
/** A digest of what a broker's pod is made of (as on Docker): a pod without the current one is not ready. */
export const REVISION_ANNOTATION = "kafka-pulumi/revision";

/** The provider accepts the kubeconfig's text as well as a path; kubectl needs a file. */
function isInline(kubeconfig: string): boolean {
  return kubeconfig.includes("\n") || kubeconfig.trimStart().startsWith("{");
}

/** `kubectl ARGS`' standard output; an inline kubeconfig lives in a private file for the call. */
export function kubectl(access: KubeAccess, args: string[]): Promise<string> {
  const inline = access.kubeconfig !== undefined && isInline(access.kubeconfig);
  const folder = inline ? mkdtempSync(path.join(tmpdir(), "kafka-pulumi-kube-")) : undefined;
  let kubeconfig = access.kubeconfig;
  if (folder !== undefined) {
    kubeconfig = path.join(folder, "config");
    writeFileSync(kubeconfig, access.kubeconfig ?? "", { mode: 0o600 });
  }
  const options = [
    ...(kubeconfig === undefined ? [] : ["--kubeconfig", kubeconfig]),
    ...(access.context === undefined ? [] : ["--context", access.context]),
  ];
  return new Promise<string>((resolve, reject) => {
    execFile("kubectl", [...options, ...args], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      error === null
        ? resolve(stdout)
        : reject(new Error(`kubectl ${args.join(" ")}: ${stderr.trim() || error.message}`)),
    );
  }).finally(() => {
    if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
  });
}

interface PodJson {
  metadata: { name: string; deletionTimestamp?: string; annotations?: Record<string, string> };
  status?: {
    phase?: string;
    conditions?: { type: string; status: string }[];
    containerStatuses?: { state?: { waiting?: { reason?: string } } }[];
  };
}

/** One pod's readiness in words: `healthy`, `an older revision`, `terminating`, a waiting reason, or its phase. */
function podState(pod: PodJson, revision: string | undefined): string {
  if (pod.metadata.deletionTimestamp !== undefined) return "terminating";
  if (revision !== undefined && pod.metadata.annotations?.[REVISION_ANNOTATION] !== revision)
    return "an older revision";
  if (pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True")) return "healthy";
  const waiting = pod.status?.containerStatuses?.[0]?.state?.waiting?.reason;
  return waiting ?? `${(pod.status?.phase ?? "pending").toLowerCase()}, not ready`;
}

/**
 * The readiness of each named pod of `namespace`: `healthy` when its Ready condition holds (and it carries
 * `revisions[name]` when given); otherwise what it is waiting for, or `missing`.
 */
export async function podReadiness(
  access: KubeAccess,
  namespace: string,
  pods: readonly string[],
  revisions: Readonly<Record<string, string>> = {},
): Promise<Record<string, string>> {
  const listed = JSON.parse(await kubectl(access, ["get", "pods", "-n", namespace, "-o", "json"])) as {
    items: PodJson[];
  };
  const byName = new Map(listed.items.map((pod) => [pod.metadata.name, pod]));
  return Object.fromEntries(
    pods.map((name) => {
      const pod = byName.get(name);
      return [name, pod === undefined ? "missing" : podState(pod, revisions[name])];
    }),
  );
}
