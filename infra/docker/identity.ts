/**
 * The stack's identity on the Docker host: every container, network, volume and image is named after
 * the project and stack, and carries labels saying which Pulumi stack owns it, so two stacks can share
 * one engine and `docker ps --filter label=pulumi.stack=dev` finds one stack's parts. Components get the
 * identity in their args, so the same code names things for `pulumi up`, the mock tests and the bench.
 */
import * as pulumi from "@pulumi/pulumi";
import { PROJECT_LABEL, ROLE_LABEL, STACK_LABEL } from "./docker-cli";

/** The part a container or volume plays, recorded in the `kafka-pulumi.role` label. */
export type Role = "network" | "zookeeper" | "broker" | "producer" | "consumer" | "topic";

export interface DockerLabel {
  label: string;
  value: string;
}

/** Whose Docker objects these are: the stack's project and name, as their labels record them. */
export interface DockerIdentity {
  /** The Pulumi project, e.g. `kafka-pulumi`. */
  project: string;
  /** The Pulumi stack, e.g. `dev`. */
  stack: string;
}

/** The identity of the stack Pulumi runs (or the mock tests set up). */
export function currentStackIdentity(): DockerIdentity {
  return { project: pulumi.getProject(), stack: pulumi.getStack() };
}

/** `<project>-<stack>-<suffix>`: unique per stack on a shared Docker engine. */
export function dockerName(identity: DockerIdentity, suffix: string): string {
  return `${identity.project}-${identity.stack}-${suffix}`;
}

/** The ownership labels of one Docker object. */
export function dockerLabels(identity: DockerIdentity, role: Role): DockerLabel[] {
  return [
    { label: PROJECT_LABEL, value: identity.project },
    { label: STACK_LABEL, value: identity.stack },
    { label: ROLE_LABEL, value: role },
  ];
}

/** The local tag of an image the stack builds, e.g. `kafka-pulumi/producer:dev`. */
export function imageTag(identity: DockerIdentity, image: string): string {
  return `${identity.project}/${image}:${identity.stack}`;
}
