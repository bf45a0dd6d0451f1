/**
 * One reading of a stack's status: its outputs, then the brokers through the admin API and the members
 * through the platform side by side, assembled into a report and judged. A stack that cannot be read
 * becomes a `down` verdict with one line, never an exception.
 */
import { answeringAddresses, readCluster } from "./cluster-reader";
import type { LoggedEvent, MemberState, MemberStates } from "./member-states";
import { memberStatesFor } from "./platforms";
import { readStackView, StackUnavailable, type StackView } from "./stack-outputs";
import { statusReport, type StatusReport } from "./status-report";
import { downVerdict, verdictOf, type Verdict } from "./verdict";

export interface StatusReading {
  verdict: Verdict;
  /** Absent when the stack could not be read. */
  report: StatusReport | undefined;
  /** The stack as read once, for the next reading of a watch. */
  known: KnownStack | undefined;
}

/** What a watch reads once: the stack view from its outputs and the reader of its members. */
export interface KnownStack {
  view: StackView;
  platform: MemberStates;
}

/** The admin client retries for about a minute; the status says "down" sooner. */
const CLUSTER_READ_TIMEOUT_MS = 20_000;

function within<T>(ms: number, work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} gave no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** ` (kafka-1 stopped, kafka-2 restarting, 4 restarts)` for the members that do not run. */
function notRunning(states: Map<string, MemberState>, names: readonly string[]): string {
  const down = names
    .map((name) => states.get(name))
    .filter((state): state is MemberState => state !== undefined && state.run !== "running")
    .map((state) => `${state.name} ${state.run}${state.restarts > 0 ? `, ${state.restarts} restarts` : ""}`);
  return down.length > 0 ? ` (${down.join("; ")})` : "";
}

/** The members' states, or an empty map and the reason when the platform does not answer. */
async function readMembers(platform: MemberStates, names: string[]) {
  return platform
    .read(names)
    .then((states) => ({ states, problem: undefined }))
    .catch((error: Error) => ({
      states: new Map<string, MemberState>(),
      problem: `member states: ${error.message.split("\n")[0]}`,
    }));
}

/** The stack's view and member reader, read from its outputs. */
async function readKnownStack(stack: string): Promise<KnownStack> {
  const view = await readStackView(stack);
  return { view, platform: memberStatesFor(stack, view) };
}

/** The status of `stack`; pass what a reading knew to skip reading the stack again (a watch reads it once). */
export async function readStatus(stack: string, known?: KnownStack): Promise<StatusReading> {
  let current: KnownStack;
  try {
    current = known ?? (await readKnownStack(stack));
  } catch (error) {
    if (!(error instanceof StackUnavailable)) throw error;
    return { verdict: downVerdict(error.message), report: undefined, known: undefined };
  }
  const { view, platform } = current;
  const down = (reason: string) => ({ verdict: downVerdict(reason), report: undefined, known: current });
  const readAt = new Date();
  const apps = [view.producer, view.consumer].filter((app) => app !== undefined);
  const names = [...view.zookeeper, ...view.brokers, ...apps];
  const [answering, members] = await Promise.all([
    answeringAddresses(view.bootstrapServers),
    readMembers(platform, names),
  ]);
  if (answering.length === 0) {
    const why = members.problem ? ` (${members.problem})` : notRunning(members.states, view.brokers);
    return down(`no broker of stack ${stack} answers at ${view.bootstrapServers}${why}`);
  }
  const lastEvent = (app: string) => platform.lastEvent(app).catch((): LoggedEvent | undefined => undefined);
  const [cluster, events] = await Promise.all([
    within(CLUSTER_READ_TIMEOUT_MS, readCluster(answering.join(",")), "the admin API").catch(
      (error: Error) => error,
    ),
    Promise.all(apps.map(async (app) => [app, await lastEvent(app)] as const)),
  ]);
  if (cluster instanceof Error) {
    return down(
      `no broker of stack ${stack} answers the admin API at ${answering.join(",")}: ${cluster.message}`,
    );
  }
  if (members.problem !== undefined) cluster.unreadable.push(members.problem);
  const report = statusReport({
    stack,
    view,
    cluster,
    members: members.states,
    lastEvents: new Map(events),
    readAt,
  });
  return { verdict: verdictOf(report), report, known: current };
}
