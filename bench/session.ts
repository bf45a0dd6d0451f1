/**
 * One benchmark run's lifecycle: a progress line per step with the seconds since the start,
 * cleanup actions that run exactly once however the run ends (success, failure, Ctrl-C, the
 * overall time limit), and that time limit itself.
 */

export type Cleanup = () => Promise<void>;

export class BenchSession {
  private readonly started = Date.now();
  private readonly cleanups: { name: string; action: Cleanup }[] = [];
  private cleaned: Promise<void> | undefined;
  private deadline: NodeJS.Timeout | undefined;
  private afterStep: ((name: string) => Promise<void>) | undefined;

  /** Seconds since the run started. */
  elapsedS(): number {
    return (Date.now() - this.started) / 1000;
  }

  /** Prints one progress line: `[  12.3 s] message`. */
  log(message: string): void {
    process.stdout.write(`[${this.elapsedS().toFixed(1).padStart(6)} s] ${message}\n`);
  }

  /** A check that runs after every step that succeeds (e.g. for what the step left behind). */
  afterEachStep(check: (name: string) => Promise<void>): void {
    this.afterStep = check;
  }

  /** Runs one named step, printing when it starts and how long it took. */
  async step<T>(name: string, work: () => Promise<T>): Promise<T> {
    const from = Date.now();
    this.log(`${name} ...`);
    try {
      const result = await work();
      this.log(`${name}: done in ${((Date.now() - from) / 1000).toFixed(1)} s`);
      await this.afterStep?.(name);
      return result;
    } catch (error) {
      this.log(`${name}: FAILED after ${((Date.now() - from) / 1000).toFixed(1)} s`);
      throw error;
    }
  }

  /** Registers an action for cleanup; the last registered runs first. */
  onCleanup(name: string, action: Cleanup): void {
    this.cleanups.push({ name, action });
  }

  /** Runs every cleanup action once, in reverse order, logging (not throwing) failures. */
  cleanup(): Promise<void> {
    this.cleaned ??= (async () => {
      if (this.deadline !== undefined) clearTimeout(this.deadline);
      for (const { name, action } of [...this.cleanups].reverse()) {
        try {
          await action();
        } catch (error) {
          this.log(`cleanup of ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    })();
    return this.cleaned;
  }

  /**
   * Ends the process with code 1 after `limitMs` or on SIGINT/SIGTERM, cleaning up first, so the
   * run is bounded and never leaves containers or volumes behind.
   */
  bound(limitMs: number): void {
    const abort = (why: string) => {
      this.log(`${why}: cleaning up and exiting`);
      void this.cleanup().finally(() => process.exit(1));
    };
    this.deadline = setTimeout(() => abort(`time limit of ${limitMs / 60_000} min reached`), limitMs);
    this.deadline.unref();
    process.once("SIGINT", () => abort("interrupted"));
    process.once("SIGTERM", () => abort("terminated"));
  }
}
