/**
 * How long each broker takes from its container's start to its first answer. The cluster's services of the
 * compose file (ZooKeeper and the brokers) start together on fresh volumes, as `up` starts them; each broker is
 * asked the probe's ApiVersions request from the host on its published port every 50 ms (no exec, so asking
 * takes nothing from the starting JVMs), and its first answer is timed from the container's StartedAt. Rounds
 * alternate between image sets (the stack's and a baseline), so both are measured on the same machine in one run.
 */
import { brokerAnswers } from "../infra/docker/published-port-probe";
import { docker } from "../test/support/commands";
import type { ComposeProject } from "./compose-runner";
import { median, round } from "./report";

const ASK_EVERY_MS = 50;
const ANSWER_TIMEOUT_MS = 180_000;

export interface BrokerEndpoint {
  container: string;
  /** host:port of its published EXTERNAL listener. */
  hostAddress: string;
}

/** One image set to start: a compose project rendered with those images. */
export interface StartVariant {
  label: string;
  project: ComposeProject;
}

/** Seconds from start to first answer, median over the rounds, per broker container, per variant label. */
export type StartToReady = Record<string, Record<string, number>>;

async function firstAnswerAt(address: string): Promise<number> {
  const deadline = Date.now() + ANSWER_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (await brokerAnswers(address, 1000)) return Date.now();
    await new Promise((resolve) => setTimeout(resolve, ASK_EVERY_MS));
  }
  throw new Error(`${address}: no answer within ${ANSWER_TIMEOUT_MS / 1000} s of the start`);
}

/** One cold start of `services`: seconds from each broker's container start to its first answer. */
async function oneStart(
  variant: StartVariant,
  services: readonly string[],
  brokers: readonly BrokerEndpoint[],
): Promise<number[]> {
  await variant.project.down();
  await variant.project.upDetached(services);
  try {
    const answeredAt = await Promise.all(brokers.map((broker) => firstAnswerAt(broker.hostAddress)));
    const format = "{{.State.StartedAt}}";
    const inspected = await docker([
      "inspect",
      "--format",
      format,
      ...brokers.map((broker) => broker.container),
    ]);
    const startedAt = inspected.stdout.trim().split("\n").map(Date.parse);
    return answeredAt.map((at, index) => (at - (startedAt[index] ?? Number.NaN)) / 1000);
  } finally {
    await variant.project.down();
  }
}

/** `rounds` cold starts of each variant, interleaved; `log` gets one line per start. */
export async function startToReady(
  variants: readonly StartVariant[],
  services: readonly string[],
  brokers: readonly BrokerEndpoint[],
  rounds: number,
  log: (line: string) => void,
): Promise<StartToReady> {
  const seconds = new Map(variants.map((variant) => [variant.label, brokers.map((): number[] => [])]));
  for (let pass = 1; pass <= rounds; pass += 1) {
    for (const variant of variants) {
      const measured = await oneStart(variant, services, brokers);
      measured.forEach((value, index) => seconds.get(variant.label)?.[index]?.push(value));
      log(
        `start-to-ready ${variant.label}, round ${pass}: ${measured.map((s) => `${s.toFixed(2)} s`).join(", ")}`,
      );
    }
  }
  return Object.fromEntries(
    variants.map((variant) => [
      variant.label,
      Object.fromEntries(
        brokers.map((broker, index) => [
          broker.container,
          round(median(seconds.get(variant.label)?.[index] ?? []), 2),
        ]),
      ),
    ]),
  );
}
