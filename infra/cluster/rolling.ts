/**
 * Rolling changes of a replicated set (brokers, ZooKeeper nodes). Member N+1 depends on the turn
 * `<name>-N-rolled`, which holds member N's revision: when that changes, the turn waits until member N's
 * new container is ready (healthy and, for brokers, every partition in sync), and only then is member
 * N+1 replaced. A turn that is created waits for nothing, so a new set still starts all at once.
 */
import * as pulumi from "@pulumi/pulumi";
import { docker, lines, ownedBy, REVISION_LABEL, ROLE_LABEL } from "../docker/docker-cli";
import type { DockerIdentity } from "../docker/identity";
import { actionProvider } from "../pulumi/action-provider";
import { probedHealth, type MemberProbe } from "../docker/container-health";
import { WAIT_TIMEOUT_SECONDS, waitUntilReady } from "./readiness";
import type { ServerMember } from "./server-container";
import { dynamicProvider, KafkaDynamicResource } from "../pulumi/dynamic-resource";

interface TurnState {
  container: string;
  probe: MemberProbe;
  revision: string;
  bootstrapServers?: string;
  timeoutSeconds: number;
}

const turnProvider = actionProvider<TurnState>(
  (inputs) => inputs.container,
  (inputs) =>
    waitUntilReady(
      { ...inputs, members: [inputs.container] },
      probedHealth({ [inputs.container]: inputs.probe }),
    ),
  false,
);

interface RollingTurnArgs {
  /** Docker name of the member whose turn it is. */
  container: string;
  /** How that member is asked whether it serves. */
  probe: MemberProbe;
  /** The revision that member must carry before the next member goes. */
  revision: pulumi.Input<string>;
  /** Host-side bootstrap list, when every partition must be in sync again (brokers). */
  bootstrapServers?: string;
  /** How long to wait before the update fails. */
  timeoutSeconds: number;
}

const rollingTurnResource = dynamicProvider("RollingTurn", turnProvider);

class RollingTurn extends KafkaDynamicResource {
  constructor(name: string, args: RollingTurnArgs, opts?: pulumi.CustomResourceOptions) {
    super(rollingTurnResource, name, { ...args }, opts);
  }
}

export interface RollingSetArgs {
  /** Docker names of the members, in order. */
  containerNames: string[];
  /** How each member is asked whether it serves, in the same order. */
  probes: MemberProbe[];
  /** Declares member `index` (0-based), to be created or replaced after `after`. */
  member: (index: number, after: pulumi.Resource[]) => ServerMember;
  /** Brokers: a turn also waits until no partition is under-replicated. */
  bootstrapServers?: string;
}

/** The members of a set, each after the turn of the one before it (`<name>-N-rolled`). */
export function rollingSet(name: string, args: RollingSetArgs, parent: pulumi.Resource): ServerMember[] {
  const members: ServerMember[] = [];
  args.containerNames.forEach((_container, index) => {
    const previous = members[index - 1];
    const probe = args.probes[index - 1];
    const after =
      previous === undefined || probe === undefined
        ? []
        : [
            new RollingTurn(
              `${name}-${index}-rolled`,
              {
                container: args.containerNames[index - 1] ?? "",
                probe,
                revision: previous.revision,
                bootstrapServers: args.bootstrapServers,
                timeoutSeconds: WAIT_TIMEOUT_SECONDS,
              },
              { parent },
            ),
          ];
    members.push(args.member(index, after));
  });
  return members;
}

/** The revision label of each broker container the stack has now, by Docker name (empty without Docker). */
async function currentRevisions(identity: DockerIdentity): Promise<Map<string, string>> {
  const listed = await docker([
    "ps",
    "-a",
    ...ownedBy(identity, `${ROLE_LABEL}=broker`),
    "--format",
    `{{.Names}} {{.Label "${REVISION_LABEL}"}}`,
  ]).catch(() => "");
  return new Map(lines(listed).map((line) => [line.split(" ")[0] ?? "", line.split(" ")[1] ?? ""]));
}

export interface WriteAvailability {
  brokers: number;
  replicationFactor: number;
  minInsyncReplicas: number;
}

/**
 * Rolling keeps acks=all writes going only while one broker is away. When the shape cannot (one broker,
 * replication 1, min.insync.replicas = replication factor) and this update replaces a broker, says so once.
 */
export function warnIfWritesStop(
  shape: WriteAvailability,
  identity: DockerIdentity,
  containerNames: string[],
  brokers: ServerMember[],
  parent: pulumi.Resource,
): void {
  if (shape.brokers > 1 && shape.replicationFactor > 1 && shape.minInsyncReplicas < shape.replicationFactor)
    return;
  pulumi.all(brokers.map((broker) => broker.revision)).apply(async (revisions) => {
    const current = await currentRevisions(identity);
    const replaced = containerNames.some((container, index) => {
      const revision = current.get(container);
      return revision !== undefined && revision !== revisions[index];
    });
    if (!replaced) return;
    void pulumi.log.warn(
      `this update restarts brokers, and writes stop until they are back: brokers=${shape.brokers}, ` +
        `replicationFactor=${shape.replicationFactor}, minInsyncReplicas=${shape.minInsyncReplicas} ` +
        "(a rolling change needs brokers >= 2, replicationFactor >= 2 and minInsyncReplicas < replicationFactor)",
      parent,
    );
  });
}
