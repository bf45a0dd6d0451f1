/**
 * The producer and consumer images, built from `apps/` by the Docker engine with BuildKit (the classic
 * builder left every intermediate container behind). On Docker they stay local; on Kubernetes they are
 * pushed to the registry the cluster pulls from.
 */
import * as docker from "@pulumi/docker";
import type * as pulumi from "@pulumi/pulumi";
import type { AppName } from "../../apps/src/shared/app-contract.js";
import { imageTag, type DockerIdentity } from "../docker/identity";

/**
 * The apps' build context. Pulumi runs the program in the project root (Pulumi.yaml sets no `main`;
 * package.json points at infra/entry.cjs), and the engine reads build paths relative to it. Relative
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
  /** Registry to push to (`<registry>/<project>/<app>:<stack>`); undefined keeps the image local. */
  registry?: string;
}

/** Builds `<project>/<app>:<stack>` from `apps/Dockerfile` with build arg APP, and pushes it to `registry`. */
export function appImage(name: string, args: AppImageArgs, opts: pulumi.CustomResourceOptions): docker.Image {
  return new docker.Image(
    name,
    {
      imageName: (args.registry === undefined ? "" : `${args.registry}/`) + imageTag(args.identity, args.app),
      build: {
        context: APPS_DIRECTORY,
        dockerfile: `${APPS_DIRECTORY}/Dockerfile`,
        args: { APP: args.app, NODE_IMAGE: args.nodeImage },
        builderVersion: docker.BuilderVersion.BuilderBuildKit,
        platform: DOCKER_PLATFORM,
      },
      skipPush: args.registry === undefined,
    },
    opts,
  );
}
