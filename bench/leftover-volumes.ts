/**
 * Anonymous volumes the bench leaves behind: a container of an image that declares a VOLUME (the Kafka and
 * ZooKeeper images do) gets one unless the path is mounted, and it stays after the container is removed without
 * `-v`. The dangling volumes are listed before the run and after every step; new ones are named with the step.
 * Other users of the same engine can add some too, so the count is what appeared during the run.
 */
import { docker } from "../test/support/commands";

async function dangling(): Promise<Set<string>> {
  const { stdout } = await docker(["volume", "ls", "-q", "--filter", "dangling=true"]);
  return new Set(stdout.split("\n").filter((line) => line !== ""));
}

export class LeftoverVolumes {
  private known = new Set<string>();
  private readonly appeared = new Set<string>();

  /** Takes the volumes that exist now as the starting point. */
  async start(): Promise<void> {
    this.known = await dangling();
  }

  /** The dangling volumes that appeared since the last check, which are then remembered. */
  async check(): Promise<string[]> {
    const now = await dangling();
    const added = [...now].filter((volume) => !this.known.has(volume));
    for (const volume of added) this.appeared.add(volume);
    this.known = now;
    return added;
  }

  /** How many of those that appeared during the run still exist. */
  async remaining(): Promise<number> {
    const now = await dangling();
    return [...this.appeared].filter((volume) => now.has(volume)).length;
  }
}
