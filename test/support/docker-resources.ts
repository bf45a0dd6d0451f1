/**
 * A tracker that names every container, volume and network a test creates and removes them all at the
 * end, even when the test fails.
 */
import { docker, dockerExitCode } from "./commands";

/** Names every resource a test creates and removes them all at the end, whatever happened. */
export class DockerResources {
  readonly runId = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  private readonly containers: string[] = [];
  private readonly volumes: string[] = [];
  private readonly networks: string[] = [];

  name(role: string): string {
    return `kafka-airgap-test-${this.runId}-${role}`;
  }

  async network(role: string): Promise<string> {
    const name = this.name(role);
    this.networks.push(name);
    await docker(["network", "create", "--label", `kafka-airgap-test=${this.runId}`, name]);
    return name;
  }

  /** A named volume's name; docker creates it on first use and cleanup removes it. */
  volume(role: string): string {
    const name = this.name(role);
    this.volumes.push(name);
    return name;
  }

  /** `docker run -d --name <name> ARGS...`, tracked for cleanup. */
  async run(role: string, args: string[]): Promise<string> {
    const name = this.name(role);
    this.containers.push(name);
    await docker(["run", "-d", "--name", name, "--label", `kafka-airgap-test=${this.runId}`, ...args]);
    return name;
  }

  /** The last LINES log lines of every container created so far, for a failure report. */
  async logTails(lines = 30): Promise<string> {
    const parts: string[] = [];
    for (const container of this.containers) {
      const logs = await docker(["logs", "--tail", String(lines), container]).catch((error: Error) => ({
        stdout: error.message,
        stderr: "",
      }));
      parts.push(`--- ${container}\n${logs.stdout}${logs.stderr}`);
    }
    return parts.join("\n");
  }

  async cleanup(): Promise<void> {
    for (const container of this.containers.reverse()) {
      await dockerExitCode(["rm", "-f", "-v", container]);
    }
    for (const volume of this.volumes) await dockerExitCode(["volume", "rm", "-f", volume]);
    for (const network of this.networks) await dockerExitCode(["network", "rm", network]);
  }
}
