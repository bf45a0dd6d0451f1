/**
 * The producer and consumer images, built from `apps/` by the Docker engine and kept local
 * (never pushed). The classic builder is used because BuildKit may try to reach a registry
 * even when the base image is present locally.
 */
import * as docker from "@pulumi/docker";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";

export type AppName = "producer" | "consumer";

/** The apps' build context: the `apps/` directory next to `infra/`. */
const APPS_DIRECTORY = path.resolve(__dirname, "..", "apps");

/**
 * The engine reads build paths relative to the program's working directory; a relative path
 * also keeps the state free of this machine's directory layout.
 */
function fromWorkingDirectory(target: string): string {
  return path.relative(process.cwd(), target) || ".";
}

export interface AppImageArgs {
  app: AppName;
  /** Base image, passed as build arg NODE_IMAGE. */
  nodeImage: string;
}

/** Builds `<project>/<app>:<stack>` from `apps/<app>/Dockerfile`. */
export function appImage(args: AppImageArgs, parent: pulumi.Resource): docker.Image {
  return new docker.Image(
    `${args.app}-image`,
    {
      imageName: `${pulumi.getProject()}/${args.app}:${pulumi.getStack()}`,
      build: {
        context: fromWorkingDirectory(APPS_DIRECTORY),
        dockerfile: fromWorkingDirectory(path.join(APPS_DIRECTORY, args.app, "Dockerfile")),
        args: { NODE_IMAGE: args.nodeImage },
        builderVersion: docker.BuilderVersion.BuilderV1,
      },
      skipPush: true,
    },
    { parent },
  );
}
