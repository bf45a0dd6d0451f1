/**
 * The images the tests and the bench run without a registry: the air-gapped ZooKeeper, Kafka and Node
 * images (built by images/build.sh) and the apps' images built from apps/ on the Node image.
 */
import path from "node:path";
import { docker, dockerExitCode, imageExists, run } from "./commands";

export const REPO_ROOT = path.resolve(__dirname, "../..");
export const ZOOKEEPER_IMAGE = "kafka-airgap/zookeeper:3.9.1";
export const KAFKA_IMAGE = "kafka-airgap/kafka:3.9.1";
export const NODE_IMAGE = "kafka-airgap/node:22";

/**
 * Runs images/build.sh, which builds only what is missing or out of date, and resolves to its output;
 * with `unlessPresent`, nothing runs when every one of those images exists (the bench's own stack images).
 */
export async function ensureAirgapImages(unlessPresent: readonly string[] = []): Promise<string> {
  if (unlessPresent.length > 0) {
    const present = await Promise.all(unlessPresent.map(imageExists));
    if (present.every(Boolean)) return "";
  }
  const built = await run("bash", [path.join(REPO_ROOT, "images/build.sh")], {
    cwd: REPO_ROOT,
    timeoutMs: 30 * 60_000,
  });
  return built.stdout + built.stderr;
}

export type AppName = "producer" | "consumer";

/**
 * `docker build --build-arg APP=<app> apps` on `nodeImage` with the classic builder (BuildKit may try to
 * reach a registry), tagged `tag`; resolves to the seconds it took. The image the tag pointed to before is
 * removed when the build replaced it (unless a container still uses it), so repeated runs leave no
 * untagged images behind.
 */
export async function buildAppImage(app: AppName, tag: string, nodeImage = NODE_IMAGE): Promise<number> {
  const imageId = async (): Promise<string> =>
    (
      await docker(["image", "inspect", "--format", "{{.Id}}", tag]).catch(() => ({ stdout: "" }))
    ).stdout.trim();
  const previous = await imageId();
  const started = Date.now();
  await run(
    "docker",
    [
      ...["build", "-q", "--build-arg", `APP=${app}`, "--build-arg", `NODE_IMAGE=${nodeImage}`, "-t", tag],
      path.join(REPO_ROOT, "apps"),
    ],
    { timeoutMs: 15 * 60_000, env: { ...process.env, DOCKER_BUILDKIT: "0" } },
  );
  const seconds = (Date.now() - started) / 1000;
  if (previous !== "" && previous !== (await imageId())) await dockerExitCode(["rmi", previous]);
  return seconds;
}
