/**
 * The stack's identity on the Docker host: every container, network and volume is named after
 * the project and stack, and carries labels saying which Pulumi stack owns it, so two stacks can
 * share one engine and `docker ps --filter label=pulumi.stack=dev` finds one stack's parts.
 */
import * as pulumi from "@pulumi/pulumi";

/** The part a container or volume plays, recorded in the `kafka-pulumi.role` label. */
export type Role = "network" | "zookeeper" | "broker" | "producer" | "consumer";

export interface DockerLabel {
  label: string;
  value: string;
}

export const PROJECT_LABEL = "pulumi.project";
export const STACK_LABEL = "pulumi.stack";
export const ROLE_LABEL = "kafka-pulumi.role";

/** `<project>-<stack>-<suffix>`: unique per stack on a shared Docker engine. */
export function stackScopedName(suffix: string): string {
  return `${pulumi.getProject()}-${pulumi.getStack()}-${suffix}`;
}

/** The ownership labels of one Docker object of the current stack. */
export function stackLabels(role: Role): DockerLabel[] {
  return [
    { label: PROJECT_LABEL, value: pulumi.getProject() },
    { label: STACK_LABEL, value: pulumi.getStack() },
    { label: ROLE_LABEL, value: role },
  ];
}
