/**
 * The producer and consumer images, built from `apps/` by the Docker engine and kept local
 * (never pushed). The classic builder is used because BuildKit may try to reach a registry
 * even when the base image is present locally.
 */
import * as docker from "@pulumi/docker";
import type * as pulumi from "@pulumi/pulumi";
import type { AppName } from "../../apps/src/shared/kafka-names.js";
import { imageTag, type DockerIdentity } from "../docker/identity";

/**
 * The apps' build context. Pulumi runs the program in the project root (Pulumi.yaml sets no `main`;
 * package.json points at infra/index.ts), and the engine reads build paths relative to it. Relative
 * paths also keep the state free of this machine's directory layout.
 */
const APPS_DIRECTORY = "apps";

/** The engine's own platform, named so the provider need not guess (and warn on every run). */
const DOCKER_PLATFORM = `linux/${process.arch === "arm64" ? "arm64" : "amd64"}`;

export interface AppImageArgs {
  app: AppName;
  /** Whose image it is: the tag is `<project>/<app>:<stack>`. */
  identity: DockerIdentity;
  /** Base image, passed as build arg NODE_IMAGE. */
  nodeImage: string;
}

/** Builds `<project>/<app>:<stack>` from `apps/Dockerfile` with build arg APP. */
export function appImage(name: string, args: AppImageArgs, opts: pulumi.CustomResourceOptions): docker.Image {
  return new docker.Image(
    name,
    {
      imageName: imageTag(args.identity, args.app),
      build: {
        context: APPS_DIRECTORY,
        dockerfile: `${APPS_DIRECTORY}/Dockerfile`,
        args: { APP: args.app, NODE_IMAGE: args.nodeImage },
        builderVersion: docker.BuilderVersion.BuilderBuildKit,
        platform: DOCKER_PLATFORM,
      },
      skipPush: true,
    },
    opts,
  );
}
