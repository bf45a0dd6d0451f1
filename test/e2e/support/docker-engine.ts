/**
 * Restarting the Docker engine under a running stack, as a host reboot or an engine upgrade does: dockerd is
 * stopped through its pid file (it stops every container, in no order) and started again by the toolchain's
 * own step (scripts/toolchain/engine.sh), which waits until `docker info` answers. The suite runs under the
 * engine lock, so no one else's stack is mid-change.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../../engine/pulumi-engine.js";

/** Where dockerd writes its pid unless told otherwise. */
const DOCKERD_PID_FILE = "/var/run/docker.pid";
/** dockerd gives each container 10 s to stop, then kills it; this bounds the whole stop. */
const STOP_TIMEOUT_MS = 90_000;

/** Why the engine cannot be restarted here, or undefined. */
export function engineRestartUnavailableReason(): string | undefined {
  if (process.getuid?.() !== 0) return "restarting dockerd needs root";
  try {
    readFileSync(DOCKERD_PID_FILE, "utf8");
    return undefined;
  } catch {
    return `no ${DOCKERD_PID_FILE}: dockerd is not running, or runs under a service manager that restarts it`;
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export interface EngineRestart {
  /** How long dockerd took to stop (it stops every container first). */
  stopMs: number;
  /** When `docker info` answered again (ms since the epoch). */
  answeredAt: number;
  /** From the start of dockerd to `docker info` answering. */
  startMs: number;
}

/** Stops dockerd (SIGTERM, as a service manager does) and starts it again with engine.sh. */
export async function restartEngine(): Promise<EngineRestart> {
  const pid = Number(readFileSync(DOCKERD_PID_FILE, "utf8").trim());
  const stopping = Date.now();
  process.kill(pid, "SIGTERM");
  while (running(pid)) {
    if (Date.now() - stopping > STOP_TIMEOUT_MS) throw new Error(`dockerd (pid ${pid}) did not stop`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const stopMs = Date.now() - stopping;
  const starting = Date.now();
  await new Promise<void>((resolve, reject) => {
    execFile("bash", [path.join(REPO_ROOT, "scripts/toolchain/engine.sh")], (error, stdout, stderr) =>
      error === null ? resolve() : reject(new Error(`engine.sh failed: ${stdout}${stderr}`)),
    );
  });
  const answeredAt = Date.now();
  return { stopMs, answeredAt, startMs: answeredAt - starting };
}
