/**
 * The one platform-specific part of the status: how each member of the stack (a ZooKeeper node, a broker,
 * an app) runs, and the last event an app logged. The cluster itself is read through the stack's outputs
 * and the admin API, the same on every platform; each platform brings a `MemberStates` (Docker: the docker
 * CLI; Kubernetes: its pods).
 */

/**
 * How a member's process runs: `running`; `restarting` (the platform is bringing it back after it exited);
 * `stopped` (exited or stopped and not coming back by itself); `completed` (finished on purpose: exited 0
 * and not restarted, like a producer with a count); `missing` (no such container or pod).
 */
export type RunState = "running" | "restarting" | "stopped" | "completed" | "missing";

/** The member's own health probe, when it has one. */
export type ProbeHealth = "healthy" | "starting" | "unhealthy";

export interface MemberState {
  /** The member's name as the stack outputs give it (a Docker container, a Kubernetes pod). */
  name: string;
  run: RunState;
  /** Undefined when the member has no probe (the apps) or does not run. */
  health: ProbeHealth | undefined;
  /** Restarts the platform made since the member was created. */
  restarts: number;
  /** When its process last started (ISO 8601), if it ever did. */
  startedAt: string | undefined;
  /** The last exit code, once it has exited. */
  exitCode: number | undefined;
}

/** One structured (JSON) log line of an app: its `time` and `msg` and the other fields. */
export interface LoggedEvent {
  time: string | undefined;
  msg: string;
  fields: Record<string, unknown>;
}

export interface MemberStates {
  /** The state of each named member; a name the platform does not know is `missing`. */
  read(names: readonly string[]): Promise<Map<string, MemberState>>;
  /** The last JSON line the member logged, or undefined when it logged none (or does not exist). */
  lastEvent(name: string): Promise<LoggedEvent | undefined>;
}

/** Log lines read to find the last structured one; the apps log one JSON line per event. */
export const LOG_TAIL_LINES = 20;

/** A missing member's state. */
export function missingMember(name: string): MemberState {
  return { name, run: "missing", health: undefined, restarts: 0, startedAt: undefined, exitCode: undefined };
}

/** The last line of `log` that parses as a JSON object with a `msg`, as a LoggedEvent. */
export function lastLoggedEvent(log: string): LoggedEvent | undefined {
  const lines = log.split("\n");
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    const line = lines[index]?.trim() ?? "";
    if (!line.startsWith("{")) continue;
    try {
      const fields = JSON.parse(line) as Record<string, unknown>;
      if (typeof fields["msg"] !== "string") continue;
      const { time, msg, ...rest } = fields;
      return { time: typeof time === "string" ? time : undefined, msg, fields: rest };
    } catch {
      continue;
    }
  }
  return undefined;
}
