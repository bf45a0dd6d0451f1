/**
 * What a rolling change costs writers: the stack up, a topic replicated three ways, a steady acks=all
 * producer from the host (100 records/s, Kafka's Java client), then `replicationFactor` 3 -> 2 with
 * `pulumi up`, which replaces the brokers one at a time. Reports the longest wait between two
 * acknowledgements, the acknowledged records that cannot be read back, and how long the change took.
 */
import { underSteadyWrites } from "../test/e2e/support/rolling-checks";
import type { PulumiProvisioner } from "./pulumi-provision";
import { round, type BenchResults } from "./report";

const TOPIC = "bench-rolling";

export async function rollingChange(
  pulumi: PulumiProvisioner,
  kafkaImage: string,
  original: { replicationFactor: number; minInsyncReplicas: number },
): Promise<NonNullable<BenchResults["rollingChange"]>> {
  if (original.replicationFactor < 3)
    throw new Error(
      `rollingChange needs the benched stack at replicationFactor 3, not ${original.replicationFactor}`,
    );
  await pulumi.up();
  const bootstrap = String(await pulumi.output("bootstrapServers"));
  try {
    let seconds = 0;
    const run = await underSteadyWrites(kafkaImage, bootstrap, TOPIC, async () => {
      await pulumi.configure({ replicationFactor: "2", minInsyncReplicas: "1" });
      seconds = (await pulumi.up()).seconds;
    });
    return {
      maxStallMs: run.maxStallMs,
      lost: run.lost,
      durationS: round(seconds),
      acknowledged: run.acknowledged,
    };
  } finally {
    await pulumi.destroy();
    await pulumi.configure({
      replicationFactor: String(original.replicationFactor),
      minInsyncReplicas: String(original.minInsyncReplicas),
    });
  }
}
