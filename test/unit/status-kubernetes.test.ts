/**
 * The status's view of a Kubernetes stack over fixed pod and workload JSON: a broker pod's run state and
 * health, an app workload resolved to its pod through its selector, and the reader answering for every name
 * the stack outputs give (through a stand-in kubectl that prints the same JSON).
 */
import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import {
  KubernetesMemberStates,
  podMemberState,
  workloadMemberState,
  type PodJson,
  type WorkloadJson,
} from "../../ops/status/kubernetes-member-states";

const STARTED = "2025-01-01T12:00:00Z";
const PROBE = { exec: { command: ["kafka-broker-api-versions"] } };

type ContainerStatus = NonNullable<NonNullable<PodJson["status"]>["containerStatuses"]>[number];

/** A pod as `kubectl get pods -o json` lists it: running and Ready unless `status` says otherwise. */
function pod(
  name: string,
  options: {
    labels?: Record<string, string>;
    probe?: boolean;
    created?: string;
    deleting?: boolean;
    phase?: string;
    ready?: boolean;
    container?: Partial<ContainerStatus>;
  } = {},
): PodJson {
  return {
    metadata: {
      name,
      creationTimestamp: options.created ?? STARTED,
      ...(options.deleting ? { deletionTimestamp: "2025-01-01T12:05:00Z" } : {}),
      labels: options.labels ?? {},
    },
    spec: { containers: [options.probe === false ? {} : { readinessProbe: PROBE }] },
    status: {
      phase: options.phase ?? "Running",
      conditions: [{ type: "Ready", status: options.ready === false ? "False" : "True" }],
      containerStatuses: [
        { restartCount: 0, state: { running: { startedAt: STARTED } }, ...options.container },
      ],
    },
  };
}

const consumerLabels = { "app.kubernetes.io/component": "app", "app.kubernetes.io/name": "consumer" };
const producerLabels = { "batch.kubernetes.io/controller-uid": "6f1c" };

function deployment(replicas = 1): WorkloadJson {
  return {
    kind: "Deployment",
    metadata: { name: "consumer" },
    spec: { replicas, selector: { matchLabels: consumerLabels } },
  };
}

function job(succeeded = 0): WorkloadJson {
  return {
    kind: "Job",
    metadata: { name: "producer" },
    spec: { selector: { matchLabels: producerLabels } },
    status: { succeeded },
  };
}

const crashLooping: Partial<ContainerStatus> = {
  restartCount: 4,
  state: { waiting: { reason: "CrashLoopBackOff" } },
  lastState: { terminated: { exitCode: 137, startedAt: "2025-01-01T12:03:00Z" } },
};

describe("a Kubernetes pod as a member state", () => {
  test("running and Ready: running and healthy, with its start time", () => {
    assert.deepEqual(podMemberState("kafka-1-0", pod("kafka-1-0", { container: { restartCount: 2 } })), {
      name: "kafka-1-0",
      run: "running",
      health: "healthy",
      restarts: 2,
      startedAt: STARTED,
      exitCode: undefined,
    });
  });

  test("running but not Ready: starting; without a readiness probe: no health", () => {
    assert.equal(podMemberState("kafka-2-0", pod("kafka-2-0", { ready: false })).health, "starting");
    assert.equal(podMemberState("consumer", pod("consumer-7d9", { probe: false })).health, undefined);
  });

  test("CrashLoopBackOff: restarting, with its restarts and the last exit code", () => {
    const state = podMemberState("kafka-3-0", pod("kafka-3-0", { ready: false, container: crashLooping }));
    assert.deepEqual(
      [state.run, state.health, state.restarts, state.exitCode],
      ["restarting", undefined, 4, 137],
    );
  });

  test("being created or deleted: the platform is bringing it back, restarting", () => {
    const creating = pod("kafka-1-0", {
      phase: "Pending",
      ready: false,
      container: { state: { waiting: { reason: "ContainerCreating" } } },
    });
    assert.equal(podMemberState("kafka-1-0", creating).run, "restarting");
    assert.equal(podMemberState("kafka-1-0", pod("kafka-1-0", { deleting: true })).run, "restarting");
  });

  test("Succeeded: completed with exit code 0; Failed: stopped with its exit code", () => {
    const exited = (exitCode: number) => ({ state: { terminated: { exitCode, startedAt: STARTED } } });
    const succeeded = podMemberState(
      "job/producer",
      pod("producer-x", { phase: "Succeeded", container: exited(0) }),
    );
    assert.deepEqual([succeeded.run, succeeded.exitCode, succeeded.startedAt], ["completed", 0, STARTED]);
    const failed = podMemberState(
      "job/producer",
      pod("producer-x", { phase: "Failed", container: exited(1) }),
    );
    assert.deepEqual([failed.run, failed.exitCode], ["stopped", 1]);
  });
});

describe("a Kubernetes workload as a member state", () => {
  const oldPod = pod("consumer-old", { labels: consumerLabels, probe: false, deleting: true });
  const newPod = pod("consumer-new", {
    labels: consumerLabels,
    probe: false,
    created: "2025-01-01T12:05:01Z",
    container: crashLooping,
  });
  const broker = pod("kafka-1-0", { labels: { "app.kubernetes.io/name": "kafka-1" } });

  test("its pod is found through its selector; a live pod counts before one being deleted", () => {
    const state = workloadMemberState("deployment/consumer", deployment(), [broker, oldPod, newPod]);
    assert.deepEqual([state.name, state.run, state.restarts], ["deployment/consumer", "restarting", 4]);
    const alone = workloadMemberState("deployment/consumer", deployment(), [broker, oldPod]);
    assert.equal(alone.run, "restarting");
  });

  test("scaled to 0: stopped, while its pod terminates and once it is gone", () => {
    assert.equal(workloadMemberState("deployment/consumer", deployment(0), [oldPod]).run, "stopped");
    assert.equal(workloadMemberState("deployment/consumer", deployment(0), []).run, "stopped");
  });

  test("no pod, or no workload: missing; a Job that succeeded and whose pod is gone: completed", () => {
    assert.equal(workloadMemberState("deployment/consumer", deployment(), [broker]).run, "missing");
    assert.equal(workloadMemberState("deployment/consumer", undefined, [newPod]).run, "missing");
    const done = workloadMemberState("job/producer", job(1), []);
    assert.deepEqual([done.run, done.exitCode], ["completed", 0]);
    assert.equal(workloadMemberState("job/producer", job(0), [newPod]).run, "missing");
  });
});

describe("the Kubernetes member reader", () => {
  let bin: string;
  const originalPath = process.env["PATH"];

  // A stand-in kubectl on PATH: the pods of namespace `kafka`, deployment/consumer, no job/producer, logs.
  before(() => {
    bin = mkdtempSync(path.join(tmpdir(), "status-kubectl-"));
    const pods = { items: [pod("kafka-1-0"), pod("consumer-7d9", { labels: consumerLabels, probe: false })] };
    const log = ['{"msg":"received","time":"2025-01-01T12:00:05Z","offset":3}', "plain text", ""].join("\n");
    writeFileSync(path.join(bin, "pods.json"), JSON.stringify(pods));
    writeFileSync(path.join(bin, "consumer.json"), JSON.stringify(deployment()));
    writeFileSync(path.join(bin, "consumer.log"), log);
    const script = [
      "#!/bin/sh",
      'here=$(dirname "$0")',
      'case "$*" in',
      '  "get pods -o json -n kafka") cat "$here/pods.json" ;;',
      '  "get deployment/consumer -o json --ignore-not-found -n kafka") cat "$here/consumer.json" ;;',
      '  "get job/producer -o json --ignore-not-found -n kafka") ;;',
      '  "logs --tail 20 deployment/consumer -n kafka") cat "$here/consumer.log" ;;',
      '  *) echo "unexpected: kubectl $*" >&2; exit 1 ;;',
      "esac",
    ].join("\n");
    writeFileSync(path.join(bin, "kubectl"), script);
    chmodSync(path.join(bin, "kubectl"), 0o755);
    process.env["PATH"] = `${bin}${path.delimiter}${originalPath ?? ""}`;
  });

  after(() => {
    process.env["PATH"] = originalPath;
    rmSync(bin, { recursive: true, force: true });
  });

  test("every name the outputs give gets a state: pods by name, workloads by selector, others missing", async () => {
    let accessReads = 0;
    const reader = new KubernetesMemberStates("kafka", async () => {
      accessReads += 1;
      return {};
    });
    const names = ["kafka-1-0", "kafka-2-0", "job/producer", "deployment/consumer"];
    const states = await reader.read(names);
    assert.deepEqual(
      names.map((name) => [name, states.get(name)?.run, states.get(name)?.health]),
      [
        ["kafka-1-0", "running", "healthy"],
        ["kafka-2-0", "missing", undefined],
        ["job/producer", "missing", undefined],
        ["deployment/consumer", "running", undefined],
      ],
    );
    const event = await reader.lastEvent("deployment/consumer");
    assert.deepEqual(event, { time: "2025-01-01T12:00:05Z", msg: "received", fields: { offset: 3 } });
    assert.equal(accessReads, 1, "the stack's access is read once for every call");
  });

  test("a kubectl that fails makes the read fail with its message; a log that cannot be read is no event", async () => {
    const reader = new KubernetesMemberStates("other", async () => ({}));
    await assert.rejects(reader.read(["kafka-1-0"]), /unexpected: kubectl get pods -o json -n other/);
    assert.equal(await reader.lastEvent("deployment/consumer"), undefined);
  });
});
