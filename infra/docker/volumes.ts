/**
 * Named volumes for the data of ZooKeeper and the brokers, so that data outlives container
 * replacement (a changed environment variable replaces the container, not its volumes).
 * With `retainData` the volumes also outlive `pulumi destroy`.
 */
import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { stackLabels, stackScopedName, type Role } from "./identity";

export interface DataVolumeArgs {
  /** Resource and volume name suffix, e.g. `kafka-1-data`. */
  name: string;
  /** Which part of the stack the volume belongs to. */
  role: Role;
  /** Keep the volume on `pulumi destroy` (and when it leaves the program). */
  retain: boolean;
}

/** A volume named `<project>-<stack>-<name>`, created as a child of `parent`. */
export function dataVolume(args: DataVolumeArgs, parent: pulumi.Resource): docker.Volume {
  return new docker.Volume(
    args.name,
    { name: stackScopedName(args.name), labels: stackLabels(args.role) },
    { parent, retainOnDelete: args.retain },
  );
}

/** A container mount of `volume` at `containerPath`. */
export function volumeMount(
  volume: docker.Volume,
  containerPath: string,
): docker.types.input.ContainerVolume {
  return { volumeName: volume.name, containerPath };
}
