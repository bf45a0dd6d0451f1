/**
 * Typed readers for environment variables. Each reader records a problem instead of
 * throwing, so a misconfigured container reports every bad variable at once; each
 * problem names the variable, the value it saw and what would be accepted.
 */

export type Env = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`invalid configuration:\n  - ${problems.join("\n  - ")}`);
    this.name = "ConfigError";
    this.problems = problems;
  }
}

export interface IntegerRule {
  min: number;
  max?: number;
  /** Extra words for the message, e.g. what 0 means. */
  hint?: string;
}

export class EnvReader {
  readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  /** The trimmed value, or undefined when unset; Docker and Compose pass unset as "". */
  raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === "" ? undefined : value;
  }

  invalid(name: string, value: string, allowed: string): void {
    this.problems.push(`${name}=${JSON.stringify(value)} is invalid: expected ${allowed}`);
  }

  required(name: string, allowed: string): string | undefined {
    const value = this.raw(name);
    if (value === undefined) this.problems.push(`${name} is required (unset or empty): expected ${allowed}`);
    return value;
  }

  string(name: string, fallback: string, pattern: RegExp, allowed: string): string {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!pattern.test(value)) {
      this.invalid(name, value, allowed);
      return fallback;
    }
    return value;
  }

  integer(name: string, fallback: number, rule: IntegerRule): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const parsed = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    const tooBig = rule.max !== undefined && parsed > rule.max;
    if (!Number.isSafeInteger(parsed) || parsed < rule.min || tooBig) {
      const range = rule.max === undefined ? `>= ${rule.min}` : `from ${rule.min} to ${rule.max}`;
      const hint = rule.hint === undefined ? "" : ` (${rule.hint})`;
      this.invalid(name, value, `a whole number ${range}${hint}`);
      return fallback;
    }
    return parsed;
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const lowered = value.toLowerCase();
    if (["true", "1", "yes"].includes(lowered)) return true;
    if (["false", "0", "no"].includes(lowered)) return false;
    this.invalid(name, value, "true or false (also accepted: 1/0, yes/no)");
    return fallback;
  }

  oneOf<T extends string>(name: string, fallback: T, allowed: readonly T[]): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const match = allowed.find((candidate) => candidate === value.toLowerCase());
    if (match === undefined) {
      this.invalid(name, value, `one of ${allowed.join(", ")}`);
      return fallback;
    }
    return match;
  }

  /** Throws one ConfigError listing every problem seen so far. */
  assertValid(): void {
    if (this.problems.length > 0) throw new ConfigError(this.problems);
  }
}
