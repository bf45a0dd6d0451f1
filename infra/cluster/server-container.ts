/**
 * One server container (a ZooKeeper node or a broker): a fixed Docker name and network alias, its
 * data volumes, a memory limit without swap, a healthcheck, and a graceful stop before every removal.
 * `pulumi up` does not wait for the container itself but for the readiness gate after its set, so that
 * all members start together (see readiness-gate.ts); its revision label orders replacements (rolling.ts).
 */
import { createHash } from "node:crypto";
import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { REVISION_LABEL } from "../docker/docker-cli";
import { memoryLimit } from "../docker/memory-limit";
import { dockerLabels, type DockerIdentity, type Role } from "../docker/identity";
import { SERVER_STOP_GRACE_SECONDS } from "../kafka/stop-grace";
import { toEnvList, type Environment } from "../kafka/environment";

export interface ServerContainerArgs {
  identity: DockerIdentity;
  /** Network alias and host name (e.g. `kafka-1`). */
  alias: string;
  /** Docker name, `<project>-<stack>-<alias>` (server-set.ts). */
  containerName: string;
  role: Role;
  networkName: pulumi.Input<string>;
  /** Image name or id. */
  image: pulumi.Input<string>;
  environment: Environment;
  ports: docker.types.input.ContainerPort[];
  volumes: docker.types.input.ContainerVolume[];
  memoryBytes: number;
  healthcheck: docker.types.input.ContainerHealthcheck;
}

export interface ServerMember {
  container: docker.Container;
  /** Its `kafka-pulumi.revision` label, known before the container exists (see rolling.ts). */
  revision: pulumi.Output<string>;
}

/**
 * A digest of what the container is made of. Volume and network names are fixed per stack, so only the
 * mount paths count, which keeps the digest free of other resources' outputs except the image id.
 */
function revisionOf(args: ServerContainerArgs): pulumi.Output<string> {
  const { alias, role, environment, ports, memoryBytes, healthcheck } = args;
  const mounts = args.volumes.map((volume) => volume.containerPath);
  return pulumi.output(args.image).apply((image) => {
    const made = { alias, role, image, environment, ports, mounts, memoryBytes, healthcheck };
    return createHash("sha256").update(JSON.stringify(made)).digest("hex").slice(0, 16);
  });
}

export function serverContainer(
  name: string,
  args: ServerContainerArgs,
  opts: pulumi.CustomResourceOptions,
): ServerMember {
  const revision = revisionOf(args);
  const container = new docker.Container(
    name,
    {
      name: args.containerName,
      image: args.image,
      hostname: args.alias,
      envs: toEnvList(args.environment),
      networksAdvanced: [{ name: args.networkName, aliases: [args.alias] }],
      ports: args.ports,
      volumes: args.volumes,
      ...memoryLimit(args.memoryBytes),
      healthcheck: args.healthcheck,
      // Without it the provider removes the container with force (SIGKILL); with it, its delete (on destroy
      // and on replacement) first stops the container as `docker stop --time N` does.
      destroyGraceSeconds: SERVER_STOP_GRACE_SECONDS,
      restart: "unless-stopped",
      labels: [...dockerLabels(args.identity, args.role), { label: REVISION_LABEL, value: revision }],
    },
    {
      ...opts,
      // A fixed container name and host port cannot exist twice: remove the old container first.
      deleteBeforeReplace: true,
      // The provider would record a changed healthcheck without applying it, so it replaces instead.
      replaceOnChanges: ["healthcheck"],
    },
  );
  return { container, revision };
}
