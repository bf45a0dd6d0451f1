/**
 * The status for people: the verdict first, then one table per part (brokers, ZooKeeper, topics, consumer
 * groups with their lag per partition, apps). A stack that cannot be read is its verdict line alone.
 */
import type { LoggedEvent } from "./member-states";
import type { StatusReport } from "./status-report";
import { partitionRanges, type Verdict } from "./verdict";

type Cell = string | number | undefined;

/** Rows as left-aligned columns two spaces apart, the first row being the header. */
export function table(rows: Cell[][], indent = ""): string {
  const text = rows.map((row) => row.map((cell) => (cell === undefined ? "-" : String(cell))));
  const widths = text[0]?.map((_, column) => Math.max(...text.map((row) => row[column]?.length ?? 0))) ?? [];
  return text
    .map(
      (row) =>
        indent +
        row
          .map((cell, column) => cell.padEnd(widths[column] ?? 0))
          .join("  ")
          .trimEnd(),
    )
    .join("\n");
}

/** Fields of a log line that say nothing about the event. */
const NOISE_FIELDS = new Set(["level", "app", "pid", "hostname"]);
const EVENT_FIELDS_SHOWN = 4;

/** `12:00:01 received key=k partition=1 offset=120 seq=7`: the time, the message and its first scalar fields. */
export function describeEvent(event: LoggedEvent | undefined): string | undefined {
  if (event === undefined) return undefined;
  const time = event.time?.match(/T(\d\d:\d\d:\d\d)/)?.[1];
  const fields = Object.entries(event.fields)
    .filter(
      ([key, value]) => !NOISE_FIELDS.has(key) && ["string", "number", "boolean"].includes(typeof value),
    )
    .slice(0, EVENT_FIELDS_SHOWN)
    .map(([key, value]) => `${key}=${String(value).slice(0, 40)}`);
  return [time, event.msg, ...fields].filter((part) => part !== undefined).join(" ");
}

function brokers(report: StatusReport): string {
  return table([
    ["BROKER", "MEMBER", "STATE", "ADDRESS", "CONTROLLER", "LED", "FOLLOWED", "RESTARTS"],
    ...report.brokers.map((b) => [
      b.id,
      b.member,
      b.state,
      b.address,
      report.mode === "kraft" ? undefined : b.controller ? "yes" : "no",
      b.led,
      b.followed,
      b.restarts,
    ]),
  ]);
}

function zookeeper(report: StatusReport): string {
  return table([
    ["ZOOKEEPER", "STATE", "RESTARTS"],
    ...report.zookeeper.map((node) => [node.member, node.state, node.restarts]),
  ]);
}

function topics(report: StatusReport): string {
  const partitions = (list: number[]) =>
    list.length === 0 ? 0 : `${list.length} (${partitionRanges(list)})`;
  return table([
    ["TOPIC", "PARTITIONS", "RF", "MIN-ISR", "UNDER-REPLICATED", "OFFLINE"],
    ...report.topics.map((t) => [
      t.name,
      t.partitions,
      t.replicationFactor,
      t.minInsyncReplicas,
      partitions(t.underReplicated),
      partitions(t.offline),
    ]),
  ]);
}

function groups(report: StatusReport): string[] {
  return report.groups.map((group) => {
    const members = `${group.members} member${group.members === 1 ? "" : "s"}`;
    const heading = `GROUP ${group.groupId}: ${group.state}, ${members}, total lag ${group.totalLag}`;
    if (group.partitions.length === 0) return heading;
    const rows = table(
      [
        ["TOPIC", "PARTITION", "COMMITTED", "END", "LAG", "MEMBER"],
        ...group.partitions.map((p) => [p.topic, p.partition, p.committed, p.end, p.lag, p.member]),
      ],
      "  ",
    );
    return `${heading}\n${rows}`;
  });
}

function apps(report: StatusReport): string {
  return table([
    ["APP", "MEMBER", "STATE", "RESTARTS", "LAST EVENT"],
    ...report.apps.map((app) => [app.role, app.member, app.run, app.restarts, describeEvent(app.lastEvent)]),
  ]);
}

/** The whole status as text, or the verdict alone when there is no report. */
export function renderText(verdict: Verdict, report: StatusReport | undefined): string {
  if (report === undefined) return verdict.line;
  const mode = report.mode === "kraft" ? "KRaft" : "ZooKeeper";
  const where =
    report.namespace === undefined ? report.platform : `${report.platform} namespace ${report.namespace}`;
  const sections = [
    `${verdict.line}\nstack ${report.stack} (${where}, ${mode} mode), read at ${report.readAt}`,
    brokers(report),
    ...(report.zookeeper.length > 0 ? [zookeeper(report)] : []),
    topics(report),
    ...groups(report),
    ...(report.apps.length > 0 ? [apps(report)] : []),
    ...(report.unreadable.length > 0 ? [`not readable: ${report.unreadable.join("; ")}`] : []),
  ];
  return sections.join("\n\n");
}
