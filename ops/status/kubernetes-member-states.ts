/**
 * MemberStates on Kubernetes: a broker is a pod of the stack's namespace (`kafka-1-0`), an app a workload
 * (`deployment/consumer`, `job/producer`) whose pod is found through the workload's selector. A pod's phase,
 * container state, Ready condition and restart count make its MemberState; an app's last event is the last
 * structured line of `kubectl logs`. Everything is read through infra's kubectl wrapper.
 */
import { kubectl, type KubeAccess } from "../../infra/kubernetes/kubectl";
import {
  lastLoggedEvent,
  LOG_TAIL_LINES,
  missingMember,
  type LoggedEvent,
  type MemberState,
  type MemberStates,
  type RunState,
} from "./member-states";

interface ContainerState {
  running?: { startedAt?: string };
  waiting?: { reason?: string };
  terminated?: { exitCode: number; startedAt?: string };
}

/** The part of a pod's JSON the status reads. */
export interface PodJson {
  metadata: {
    name: string;
    creationTimestamp?: string;
    deletionTimestamp?: string;
    labels?: Record<string, string>;
  };
  spec?: { containers?: { readinessProbe?: object }[] };
  status?: {
    phase?: string;
    conditions?: { type: string; status: string }[];
    containerStatuses?: { restartCount: number; state?: ContainerState; lastState?: ContainerState }[];
  };
}

/** The part of a workload's JSON (a Deployment or a Job) the status reads. */
export interface WorkloadJson {
  kind: string;
  metadata: { name: string };
  spec?: { replicas?: number; selector?: { matchLabels?: Record<string, string> } };
  status?: { succeeded?: number };
}

/** The run state of an existing pod; `leaving` when its workload wants no pod (scaled to 0). */
function runState(pod: PodJson, leaving: boolean): RunState {
  const phase = pod.status?.phase;
  if (phase === "Succeeded") return "completed";
  if (phase === "Failed") return "stopped";
  if (pod.metadata.deletionTimestamp !== undefined) return leaving ? "stopped" : "restarting";
  if (pod.status?.containerStatuses?.[0]?.state?.running !== undefined) return "running";
  // Waiting (CrashLoopBackOff, being created, its image pulled) or just exited: the kubelet starts it again.
  return "restarting";
}

/** One pod's MemberState under the member's name (the pod's, or its workload's). */
export function podMemberState(name: string, pod: PodJson, leaving = false): MemberState {
  const run = runState(pod, leaving);
  const container = pod.status?.containerStatuses?.[0];
  const ready = pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
  // Without a readiness probe a pod is Ready as soon as it runs: that says nothing of its health.
  const probed = pod.spec?.containers?.[0]?.readinessProbe !== undefined;
  return {
    name,
    run,
    health: run === "running" && probed ? (ready ? "healthy" : "starting") : undefined,
    restarts: (pod.status?.containerStatuses ?? []).reduce((sum, c) => sum + c.restartCount, 0),
    startedAt: container?.state?.running?.startedAt ?? container?.state?.terminated?.startedAt,
    exitCode:
      run === "running"
        ? undefined
        : (container?.state?.terminated?.exitCode ?? container?.lastState?.terminated?.exitCode),
  };
}

/** The workload's pod that says how it runs: a pod not being deleted before one that is, the newest first. */
export function workloadPod(workload: WorkloadJson, pods: readonly PodJson[]): PodJson | undefined {
  const selector = Object.entries(workload.spec?.selector?.matchLabels ?? {});
  // An empty selector would select every pod of the namespace.
  if (selector.length === 0) return undefined;
  const selected = pods.filter((pod) =>
    selector.every(([label, value]) => pod.metadata.labels?.[label] === value),
  );
  const rank = (pod: PodJson) =>
    [pod.metadata.deletionTimestamp === undefined ? 1 : 0, pod.metadata.creationTimestamp ?? ""] as const;
  return selected.sort((a, b) => {
    const [aLive, aCreated] = rank(a);
    const [bLive, bCreated] = rank(b);
    return bLive - aLive || bCreated.localeCompare(aCreated);
  })[0];
}

/** A workload's MemberState from its pod, or from the workload itself when it has none. */
export function workloadMemberState(
  name: string,
  workload: WorkloadJson | undefined,
  pods: readonly PodJson[],
): MemberState {
  if (workload === undefined) return missingMember(name);
  const leaving = workload.spec?.replicas === 0;
  const pod = workloadPod(workload, pods);
  if (pod !== undefined) return podMemberState(name, pod, leaving);
  // A Job whose pod was removed after it succeeded is done; a workload scaled to 0 is stopped.
  if (workload.kind === "Job" && (workload.status?.succeeded ?? 0) > 0)
    return { ...missingMember(name), run: "completed", exitCode: 0 };
  if (leaving) return { ...missingMember(name), run: "stopped" };
  return missingMember(name);
}

/** Names the stack outputs give workloads (`kind/name`); the others are pods. */
const isWorkload = (name: string) => name.includes("/");

export class KubernetesMemberStates implements MemberStates {
  private access: Promise<KubeAccess> | undefined;

  /** `resolveAccess` runs once, on the first read: reading the stack's config takes a Pulumi CLI call. */
  constructor(
    private readonly namespace: string,
    private readonly resolveAccess: () => Promise<KubeAccess>,
  ) {}

  private async kubectl(args: string[]): Promise<string> {
    this.access ??= this.resolveAccess();
    return kubectl(await this.access, [...args, "-n", this.namespace]);
  }

  private async workload(name: string): Promise<WorkloadJson | undefined> {
    const json = await this.kubectl(["get", name, "-o", "json", "--ignore-not-found"]);
    return json.trim() === "" ? undefined : (JSON.parse(json) as WorkloadJson);
  }

  async read(names: readonly string[]): Promise<Map<string, MemberState>> {
    const workloads = names.filter(isWorkload);
    const [listed, found] = await Promise.all([
      this.kubectl(["get", "pods", "-o", "json"]),
      Promise.all(workloads.map((name) => this.workload(name))),
    ]);
    const pods = (JSON.parse(listed) as { items: PodJson[] }).items;
    const byName = new Map(pods.map((pod) => [pod.metadata.name, pod]));
    const workloadByName = new Map(workloads.map((name, index) => [name, found[index]]));
    return new Map(
      names.map((name) => {
        if (isWorkload(name)) return [name, workloadMemberState(name, workloadByName.get(name), pods)];
        const pod = byName.get(name);
        return [name, pod === undefined ? missingMember(name) : podMemberState(name, pod)];
      }),
    );
  }

  async lastEvent(name: string): Promise<LoggedEvent | undefined> {
    const log = await this.kubectl(["logs", "--tail", String(LOG_TAIL_LINES), name]).catch(() => "");
    return lastLoggedEvent(log);
  }
}
