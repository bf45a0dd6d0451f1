/**
 * Named volumes for the data of ZooKeeper and the brokers, so that data outlives container
 * replacement (a changed environment variable replaces the container, not its volumes).
 * With `retainData` the volumes also outlive `pulumi destroy`.
 */
import * as docker from "@pulumi/docker";
import type * as pulumi from "@pulumi/pulumi";
import { dockerLabels, dockerName, type DockerIdentity, type Role } from "./identity";

export interface DataVolumeArgs {
  identity: DockerIdentity;
  /** Docker volume name suffix, e.g. `kafka-1-data`. */
  suffix: string;
  /** Which part of the stack the volume belongs to. */
  role: Role;
  /** Keep the volume on `pulumi destroy` (and when it leaves the program). */
  retain: boolean;
}

/** A volume named `<project>-<stack>-<suffix>`, declared as resource `name`. */
export function dataVolume(
  name: string,
  args: DataVolumeArgs,
  opts: pulumi.CustomResourceOptions,
): docker.Volume {
  return new docker.Volume(
    name,
    { name: dockerName(args.identity, args.suffix), labels: dockerLabels(args.identity, args.role) },
    { ...opts, retainOnDelete: args.retain },
  );
}

/** A container mount of `volume` at `containerPath`. */
export function volumeMount(
  volume: docker.Volume,
  containerPath: string,
): docker.types.input.ContainerVolume {
  return { volumeName: volume.name, containerPath };
}
