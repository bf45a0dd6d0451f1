/**
 * How the status reaches a Kubernetes stack's cluster: as its kubernetes provider and `npm run up` do. The
 * stack's `kubernetes:kubeconfig` and `kubernetes:context` config first, else KUBECONFIG; a stack that names
 * neither runs on the local cluster of `npm run toolchain -- kubernetes` (scripts/kubernetes-target.sh).
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { KubeAccess } from "../../infra/kubernetes/kubectl";
import { pulumi, REPO_ROOT } from "./pulumi-cli";

const KUBECONFIG_KEY = "kubernetes:kubeconfig";
const CONTEXT_KEY = "kubernetes:context";

/** `pulumi config --json`: each key's value, absent when it is a secret. */
const StackConfig = z.record(z.string(), z.object({ value: z.string().optional(), secret: z.boolean() }));
type StackConfig = z.infer<typeof StackConfig>;

/** The value of `key`; a secret's is read on its own, as `pulumi config get` decrypts it. */
async function configValue(stack: string, config: StackConfig, key: string): Promise<string | undefined> {
  const entry = config[key];
  if (entry === undefined) return undefined;
  if (!entry.secret) return entry.value;
  return (await pulumi(["config", "get", key, "--stack", stack])).replace(/\n$/, "");
}

/** The local cluster's kubeconfig and the folder of its kubectl, as the toolchain scripts define them. */
function localCluster(): Promise<{ kubeconfig: string; bin: string }> {
  const script =
    '. scripts/toolchain/lib.sh && . scripts/toolchain/kubernetes/env.sh && echo "$KUBECONFIG_PATH" && echo "$K8S_TOOLS"';
  return new Promise((resolve, reject) => {
    execFile("bash", ["-c", script], { cwd: REPO_ROOT }, (error, stdout) => {
      if (error !== null) return reject(error);
      const [kubeconfig = "", bin = ""] = stdout.trim().split("\n");
      resolve({ kubeconfig, bin });
    });
  });
}

/** The access kubectl needs to read `stack`'s pods. */
export async function stackKubeAccess(stack: string): Promise<KubeAccess> {
  const listed = await pulumi(["config", "--json", "--stack", stack]).catch((error: Error) => {
    throw new Error(`stack ${stack}'s config cannot be read: ${error.message}`);
  });
  const config = StackConfig.parse(JSON.parse(listed));
  const [kubeconfig, context] = await Promise.all(
    [KUBECONFIG_KEY, CONTEXT_KEY].map((key) => configValue(stack, config, key)),
  );
  const access: KubeAccess = {
    ...(kubeconfig ? { kubeconfig } : {}),
    ...(context ? { context } : {}),
  };
  if (access.kubeconfig !== undefined || process.env["KUBECONFIG"]) return access;
  const local = await localCluster();
  // Not set up here: kubectl's own default (~/.kube/config) is left, and its error names what is missing.
  if (!existsSync(local.kubeconfig)) return access;
  // The local cluster's kubectl, which `npm run up` uses too; only this process sees the longer PATH.
  process.env["PATH"] = `${local.bin}${path.delimiter}${process.env["PATH"] ?? ""}`;
  return { ...access, kubeconfig: local.kubeconfig };
}
