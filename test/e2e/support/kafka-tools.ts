/**
 * Kafka's own command-line tools run inside a broker container (the cp names, kafka-tool in the air-gapped
 * image), and their answers parsed: what the status command's figures are checked against.
 */
import { docker } from "../../support/commands.js";

/** One row of `kafka-consumer-groups --describe`; undefined where the tool prints "-". */
export interface GroupOffsetRow {
  group: string;
  topic: string;
  partition: number;
  committed: number | undefined;
  end: number | undefined;
  lag: number | undefined;
  clientId: string | undefined;
}

const number = (cell: string | undefined) => (cell === undefined || cell === "-" ? undefined : Number(cell));

/** Rows of `kafka-consumer-groups --describe` output (GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG ...). */
export function parseGroupRows(output: string): GroupOffsetRow[] {
  return output.split("\n").flatMap((line) => {
    const cells = line.trim().split(/\s+/);
    if (cells.length < 6 || cells[0] === "GROUP" || !/^\d+$/.test(cells[2] ?? "")) return [];
    const [group = "", topic = "", partition, committed, end, lag, , , clientId] = cells;
    const client = clientId === undefined || clientId === "-" ? undefined : clientId;
    return [
      {
        group,
        topic,
        partition: Number(partition),
        committed: number(committed),
        end: number(end),
        lag: number(lag),
        clientId: client,
      },
    ];
  });
}

/** `topic-N` of each partition `kafka-topics --describe --under-replicated-partitions` lists. */
export function parseTopicPartitions(output: string): string[] {
  return [...output.matchAll(/Topic:\s*(\S+)\s+Partition:\s*(\d+)/g)].map(
    (match) => `${match[1]}-${match[2]}`,
  );
}

/** A tool run in `container`, against the broker on that container's INTERNAL listener. */
async function tool(container: string, alias: string, command: string, ...args: string[]): Promise<string> {
  const { stdout } = await docker([
    "exec",
    container,
    command,
    "--bootstrap-server",
    `${alias}:29092`,
    ...args,
  ]);
  return stdout;
}

/** Every group's offsets as `kafka-consumer-groups --describe --all-groups` prints them. */
export async function describeGroups(container: string, alias: string): Promise<GroupOffsetRow[]> {
  return parseGroupRows(await tool(container, alias, "kafka-consumer-groups", "--describe", "--all-groups"));
}

/** The partitions `kafka-topics --describe --under-replicated-partitions` lists, as `topic-N`. */
export async function underReplicatedPartitions(container: string, alias: string): Promise<string[]> {
  const output = await tool(container, alias, "kafka-topics", "--describe", "--under-replicated-partitions");
  return parseTopicPartitions(output).sort();
}
