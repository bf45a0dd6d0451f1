/**
 * The local cluster of `npm run toolchain -- kubernetes`, checked from the host the way the Kafka stack uses
 * it: an image pushed to its registry (localhost:5000) runs; a non-root pod writes to a claim of the default
 * StorageClass and deleting the claim deletes the volume's directory; a pod resolves a headless Service of its
 * namespace and reaches the pod behind it; a NodePort answers on 127.0.0.1. Everything lives in a namespace of
 * its own, deleted at the end.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { homedir, tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { ensureAirgapImages, NODE_IMAGE } from "../support/airgap-images.js";
import { docker, dockerUnavailableReason, run } from "../support/commands.js";

// Where scripts/toolchain/lib.sh and kubernetes/env.sh put the cluster's kubeconfig and kubectl.
const CACHE =
  process.env.KAFKA_PULUMI_CACHE ??
  path.join(process.env.XDG_CACHE_HOME ?? path.join(homedir(), ".cache"), "kafka-pulumi");
const KUBECONFIG = path.join(CACHE, "kubernetes/kubeconfig");
const KUBECTL = path.join(CACHE, "kubernetes/bin/kubectl");
const IMAGE = "localhost:5000/kafka-pulumi-test/node:22";
const NAMESPACE = `toolchain-check-${Date.now().toString(36)}`;
const NON_ROOT = { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000 };

function clusterUnavailableReason(): string | undefined {
  const docker = dockerUnavailableReason();
  if (docker) return docker;
  try {
    execFileSync(KUBECTL, ["--kubeconfig", KUBECONFIG, "get", "--raw", "/readyz"], {
      stdio: "pipe",
      timeout: 10_000,
    });
    return undefined;
  } catch (error) {
    return `the local cluster does not answer (${(error as Error).message.split("\n")[0]}); start it with 'npm run toolchain -- kubernetes'`;
  }
}

const unavailable = clusterUnavailableReason();
// Under CI a missing cluster fails the tests; elsewhere it is reported as a skip.
const skip = unavailable !== undefined && process.env.CI !== "true" ? unavailable : false;

async function kubectl(args: readonly string[], manifest?: object): Promise<string> {
  const argv = ["--kubeconfig", KUBECONFIG, "-n", NAMESPACE, ...args];
  if (manifest === undefined) return (await run(KUBECTL, argv, { timeoutMs: 180_000 })).stdout;
  // JSON is YAML: the manifest goes to kubectl as a file, no YAML library needed.
  const dir = mkdtempSync(path.join(tmpdir(), "local-kubernetes-"));
  try {
    writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(manifest));
    return (await run(KUBECTL, [...argv, "-f", path.join(dir, "manifest.json")], { timeoutMs: 180_000 }))
      .stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface PodOptions {
  labels?: Record<string, string>;
  volumes?: object[];
  mounts?: object[];
  restartPolicy?: "Never" | "Always";
}

/** A pod running `node -e SCRIPT` as uid 1000 from the image pushed to the local registry. */
function nodePod(name: string, script: string, options: PodOptions = {}): object {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, labels: options.labels ?? {} },
    spec: {
      restartPolicy: options.restartPolicy ?? "Never",
      // node -e ignores SIGTERM as a container's first process: no grace period to wait out.
      terminationGracePeriodSeconds: 0,
      securityContext: NON_ROOT,
      containers: [
        { name, image: IMAGE, command: ["node", "-e", script], volumeMounts: options.mounts ?? [] },
      ],
      volumes: options.volumes ?? [],
    },
  };
}

/** An HTTP server pod answering "hello from web" on 8080, labelled app=web; resolves to its IP once Ready. */
async function webServer(): Promise<string> {
  const serve =
    "require('http').createServer((q, r) => r.end('hello from ' + require('os').hostname())).listen(8080)";
  await kubectl(["apply"], nodePod("web", serve, { labels: { app: "web" }, restartPolicy: "Always" }));
  await kubectl(["wait", "--for=condition=Ready", "pod/web", "--timeout=120s"]);
  return (await kubectl(["get", "pod", "web", "-o", "jsonpath={.status.podIP}"])).trim();
}

async function podSucceeded(name: string): Promise<string> {
  await kubectl(["wait", "--for=jsonpath={.status.phase}=Succeeded", `pod/${name}`, "--timeout=120s"]);
  return kubectl(["logs", name]);
}

/** A port of 19900-19999 with nothing listening on 127.0.0.1, so the NodePort shadows no one's service. */
async function freeNodePort(): Promise<number> {
  for (let port = 19900; port <= 19999; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error("no free port in 19900-19999 on 127.0.0.1");
}

before(async () => {
  if (skip) return;
  if (unavailable) assert.fail(`the local Kubernetes tests need the cluster: ${unavailable}`);
  await ensureAirgapImages([NODE_IMAGE]);
  await docker(["tag", NODE_IMAGE, IMAGE]);
  await docker(["push", IMAGE], 600_000);
  await run(KUBECTL, ["--kubeconfig", KUBECONFIG, "create", "namespace", NAMESPACE], { timeoutMs: 30_000 });
});

after(async () => {
  if (skip || unavailable) return;
  await run(KUBECTL, ["--kubeconfig", KUBECONFIG, "delete", "namespace", NAMESPACE, "--wait=true"], {
    timeoutMs: 180_000,
    allowFailure: true,
  });
});

test("the node is Ready and a new namespace gets its default ServiceAccount", { skip }, async () => {
  const ready = await kubectl([
    "get",
    "nodes",
    "-o",
    'jsonpath={.items[*].status.conditions[?(@.type=="Ready")].status}',
  ]);
  assert.equal(ready, "True");
  await kubectl([
    "wait",
    "--for=jsonpath={.metadata.name}=default",
    "serviceaccount/default",
    "--timeout=60s",
  ]);
});

test(
  "a non-root pod from the local registry writes to a claim, and deleting the claim deletes its directory",
  { skip },
  async () => {
    await kubectl(["apply"], {
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: { name: "data" },
      spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "10Mi" } } },
    });
    const write =
      "const fs = require('fs'); fs.writeFileSync('/data/probe', 'written by ' + process.getuid()); console.log(fs.readFileSync('/data/probe', 'utf8'))";
    await kubectl(
      ["apply"],
      nodePod("writer", write, {
        volumes: [{ name: "data", persistentVolumeClaim: { claimName: "data" } }],
        mounts: [{ name: "data", mountPath: "/data" }],
      }),
    );
    assert.equal((await podSucceeded("writer")).trim(), "written by 1000");

    const volume = (await kubectl(["get", "pvc", "data", "-o", "jsonpath={.spec.volumeName}"])).trim();
    const directory = (await kubectl(["get", "pv", volume, "-o", "jsonpath={.spec.local.path}"])).trim();
    assert.equal(readFileSync(path.join(directory, "probe"), "utf8"), "written by 1000");

    await kubectl(["delete", "pod", "writer", "--wait=true"]);
    await kubectl(["delete", "pvc", "data", "--wait=true"]);
    await kubectl(["wait", "--for=delete", `pv/${volume}`, "--timeout=60s"]);
    assert.equal(existsSync(directory), false, `${directory} is removed with its volume`);
  },
);

test(
  "a pod resolves a headless Service of its namespace and reaches the pod behind it",
  { skip },
  async () => {
    const webIp = await webServer();
    await kubectl(["apply"], {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "web" },
      spec: { clusterIP: "None", selector: { app: "web" }, ports: [{ port: 8080 }] },
    });
    const fetchWeb = `require('dns').lookup('web', (error, address) => {
    if (error) throw error;
    require('http').get('http://web:8080/', (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk)).on('end', () => console.log(address + ' ' + body));
    });
  })`;
    await kubectl(["apply"], nodePod("client", fetchWeb));
    assert.equal((await podSucceeded("client")).trim(), `${webIp} hello from web`);
  },
);

test("a NodePort Service answers on 127.0.0.1 from the host", { skip }, async () => {
  const nodePort = await freeNodePort();
  await kubectl(["apply"], {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "web-external" },
    spec: { type: "NodePort", selector: { app: "web" }, ports: [{ port: 8080, nodePort }] },
  });
  await webServer();
  let answer = "";
  for (let attempt = 0; attempt < 40 && answer === ""; attempt++) {
    answer = await fetch(`http://127.0.0.1:${nodePort}/`)
      .then((response) => response.text())
      .catch(() => "");
    if (answer === "") await new Promise((resolve) => setTimeout(resolve, 250));
  }
  assert.equal(answer, "hello from web");
});
