/**
 * How the readiness checks ask a member whether it serves: the broker probe's ApiVersions request sent from the
 * host (against a local TCP server that answers as a broker would, or not), and the Docker health source that
 * runs the probes itself (through a stand-in docker CLI on PATH that records every exec).
 */
import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo, type Server } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, test } from "node:test";
import { probedHealth } from "../../infra/docker/container-health";
import { REVISION_LABEL } from "../../infra/docker/docker-cli";
import { brokerAnswers } from "../../infra/docker/published-port-probe";
import { API_VERSIONS_REQUEST } from "../../infra/kafka/api-versions";
import { brokerProbe } from "../../infra/kafka/healthchecks";

/** A TCP server that answers every complete request with `answer` (or closes, for undefined). */
async function fakeBroker(answer: Buffer | undefined): Promise<{ address: string; server: Server }> {
  const server = createServer((socket) => {
    let received = 0;
    socket.on("data", (chunk) => {
      received += chunk.length;
      if (received < API_VERSIONS_REQUEST.length) return;
      if (answer === undefined) socket.destroy();
      else socket.write(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { address: `127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** size | correlation id | error code | the rest of an ApiVersions answer. */
function answer(correlationId: number, errorCode: number): Buffer {
  const body = Buffer.alloc(10);
  body.writeInt32BE(6, 0);
  body.writeInt32BE(correlationId, 4);
  body.writeInt16BE(errorCode, 8);
  return body;
}

describe("the broker probe from the host", () => {
  test("sends the bytes the in-container probe writes", () => {
    const written = /printf '([^']*)'/.exec(brokerProbe()[2] ?? "")?.[1] ?? "";
    const decoded = written.replace(/\\x([0-9a-f]{2})/g, (_, hex: string) =>
      String.fromCharCode(parseInt(hex, 16)),
    );
    assert.deepEqual([...Buffer.from(decoded, "latin1")], [...API_VERSIONS_REQUEST]);
  });

  test("answers true for correlation id 1 and error code 0, false otherwise", async () => {
    const cases: [Buffer | undefined, boolean][] = [
      [answer(1, 0), true],
      [answer(1, 35), false],
      [answer(2, 0), false],
      [undefined, false],
    ];
    for (const [reply, expected] of cases) {
      const { address, server } = await fakeBroker(reply);
      try {
        assert.equal(await brokerAnswers(address, 2000), expected, `reply ${reply?.toString("hex")}`);
      } finally {
        server.close();
      }
    }
  });

  test("answers false when nothing listens, without throwing", async () => {
    const { address, server } = await fakeBroker(answer(1, 0));
    await new Promise((resolve) => server.close(resolve));
    assert.equal(await brokerAnswers(address, 2000), false);
  });
});

describe("Docker member health asked through the probes", () => {
  const originalPath = process.env["PATH"];
  let bin = "";

  /** What the stand-in docker reports: `docker inspect` JSON, and which containers' execs succeed. */
  function engine(
    containers: { name: string; status: string; revision: string; started: string }[],
    serving: string[],
  ) {
    const inspected = containers.map((c) => ({
      Id: `${c.name}-id`,
      Name: `/${c.name}`,
      State: { Status: c.status, StartedAt: c.started },
      Config: { Labels: { [REVISION_LABEL]: c.revision } },
    }));
    writeFileSync(path.join(bin, "inspect.json"), JSON.stringify(inspected));
    writeFileSync(path.join(bin, "serving"), serving.join("\n") + "\n");
    writeFileSync(path.join(bin, "execs"), "");
  }

  const execs = () => readFileSync(path.join(bin, "execs"), "utf8").split("\n").filter(Boolean);

  before(() => {
    bin = mkdtempSync(path.join(os.tmpdir(), "fake-docker-"));
    const script = [
      "#!/bin/sh",
      `dir='${bin}'`,
      'case "$1" in',
      '  inspect) cat "$dir/inspect.json" ;;',
      '  exec) echo "$2" >>"$dir/execs"; grep -qx "$2" "$dir/serving" ;;',
      "  *) exit 2 ;;",
      "esac",
    ].join("\n");
    writeFileSync(path.join(bin, "docker"), script);
    chmodSync(path.join(bin, "docker"), 0o755);
    process.env["PATH"] = `${bin}${path.delimiter}${originalPath ?? ""}`;
  });

  after(() => {
    process.env["PATH"] = originalPath;
    rmSync(bin, { recursive: true, force: true });
  });

  const probe = { exec: ["true"] };
  const zookeeper = (status: string, started = "t1") => ({ name: "zk-1", status, revision: "r1", started });

  test("healthy only while running at the revision with an answer; otherwise says what it is instead", async () => {
    const health = probedHealth({ "zk-1": probe, "zk-2": probe });
    engine([zookeeper("running"), { ...zookeeper("running"), name: "zk-2" }], ["zk-1"]);
    assert.deepEqual(await health(["zk-1", "zk-2"], "r1"), { "zk-1": "healthy", "zk-2": "not serving yet" });
    assert.deepEqual(await health(["zk-1", "zk-2"], "r2"), {
      "zk-1": "an older revision",
      "zk-2": "an older revision",
    });
    engine([zookeeper("restarting")], []);
    assert.deepEqual(await health(["zk-1"], "r1"), { "zk-1": "restarting" });
  });

  test("asks a member that answered again only after its process restarted", async () => {
    engine([zookeeper("running")], ["zk-1"]);
    const health = probedHealth({ "zk-1": probe });
    assert.deepEqual(await health(["zk-1"]), { "zk-1": "healthy" });
    assert.deepEqual(await health(["zk-1"]), { "zk-1": "healthy" });
    assert.deepEqual(execs(), ["zk-1"], "one exec for two checks");
    engine([zookeeper("running", "t2")], []);
    assert.deepEqual(await health(["zk-1"]), { "zk-1": "not serving yet" });
  });

  test("asks an exec probe at most once a second while it does not answer", async () => {
    engine([zookeeper("running")], []);
    const health = probedHealth({ "zk-1": probe });
    for (let check = 0; check < 3; check += 1) await health(["zk-1"]);
    assert.deepEqual(execs(), ["zk-1"]);
  });

  test("asks a broker from the host, without an exec", async () => {
    const { address, server } = await fakeBroker(answer(1, 0));
    try {
      engine([{ name: "kafka-1", status: "running", revision: "r1", started: "t1" }], []);
      const health = probedHealth({ "kafka-1": { apiVersions: address } });
      assert.deepEqual(await health(["kafka-1"], "r1"), { "kafka-1": "healthy" });
      assert.deepEqual(execs(), []);
    } finally {
      server.close();
    }
  });
});
