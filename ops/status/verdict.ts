/**
 * The one-line verdict at the top of the status and the exit code that says the same: healthy (0),
 * degraded (1: what is wrong, named), down (2: the stack is missing, not up, or no broker answers).
 */
import type { StatusReport, TopicStatus } from "./status-report";

export type VerdictLevel = "healthy" | "degraded" | "down";

export interface Verdict {
  level: VerdictLevel;
  /** What makes the cluster degraded or down; empty when healthy. */
  problems: string[];
  /** `healthy: ...`, `degraded: problem; problem` or `down: reason`. */
  line: string;
  exitCode: 0 | 1 | 2;
}

const EXIT_CODES: Record<VerdictLevel, 0 | 1 | 2> = { healthy: 0, degraded: 1, down: 2 };

function verdict(level: VerdictLevel, problems: string[], summary: string): Verdict {
  return { level, problems, line: `${level}: ${summary}`, exitCode: EXIT_CODES[level] };
}

/** The verdict of a stack that cannot be read at all. */
export function downVerdict(reason: string): Verdict {
  return verdict("down", [reason], reason);
}

/** Partition numbers as ranges: [0, 1, 2, 5] -> "0-2,5". */
export function partitionRanges(partitions: readonly number[]): string {
  const sorted = [...partitions].sort((a, b) => a - b);
  const ranges: string[] = [];
  let start = sorted[0];
  for (let index = 0; index < sorted.length; index += 1) {
    const current = sorted[index] ?? 0;
    const next = sorted[index + 1];
    if (next === current + 1) continue;
    ranges.push(start === current ? `${current}` : `${start}-${current}`);
    start = next;
  }
  return ranges.join(",");
}

/** `N partitions <what>: topic 0-2, other 4` or undefined when none is. */
function partitionProblem(topics: TopicStatus[], what: string, pick: (t: TopicStatus) => number[]) {
  const affected = topics.filter((topic) => pick(topic).length > 0);
  const count = affected.reduce((sum, topic) => sum + pick(topic).length, 0);
  if (count === 0) return undefined;
  const named = affected.map((topic) => `${topic.name} ${partitionRanges(pick(topic))}`).join(", ");
  return `${count} partition${count === 1 ? "" : "s"} ${what}: ${named}`;
}

function problemsOf(report: StatusReport): string[] {
  const problems = [
    ...report.brokers
      .filter((broker) => broker.state !== "healthy")
      .map((broker) => `broker ${broker.id} (${broker.member || "not in the stack"}) is ${broker.state}`),
    ...report.zookeeper
      .filter((node) => node.state !== "healthy")
      .map((node) => `ZooKeeper ${node.member} is ${node.state}`),
    partitionProblem(report.topics, "offline", (topic) => topic.offline),
    partitionProblem(report.topics, "under-replicated", (topic) => topic.underReplicated),
    ...report.apps
      .filter((app) => app.run !== "running" && app.run !== "completed")
      .map((app) => `${app.role} (${app.member}) is ${app.run}`),
    ...report.unreadable.map((part) => `not readable: ${part}`),
  ];
  if (report.mode === "zookeeper" && !report.brokers.some((broker) => broker.controller)) {
    problems.push("no broker is the controller");
  }
  return problems.filter((problem): problem is string => problem !== undefined);
}

function healthySummary(report: StatusReport): string {
  const partitions = report.topics.reduce((sum, topic) => sum + topic.partitions, 0);
  const parts = [
    `${report.brokers.length} broker${report.brokers.length === 1 ? "" : "s"}`,
    ...(report.zookeeper.length > 0 ? [`${report.zookeeper.length} ZooKeeper`] : []),
    `${partitions} partitions in sync`,
    ...report.apps.map((app) => `${app.role} ${app.run}`),
    ...report.groups.map((group) => `${group.groupId} lag ${group.totalLag}`),
  ];
  return parts.join(", ");
}

export function verdictOf(report: StatusReport): Verdict {
  if (report.brokers.length > 0 && report.brokers.every((broker) => broker.state === "down")) {
    return downVerdict(`every broker of stack ${report.stack} is down`);
  }
  const problems = problemsOf(report);
  if (problems.length === 0) return verdict("healthy", [], healthySummary(report));
  return verdict("degraded", problems, problems.join("; "));
}
