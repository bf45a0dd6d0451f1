/**
 * Typed readers over the raw stack config. Values arrive as strings from `pulumi config` and as
 * numbers or booleans from tests; each reader accepts both, and records a problem instead of
 * throwing so that one run reports every bad key. Each problem names the key, the value seen
 * and what would be accepted.
 */
import { MEMORY_SIZE_RULE, parseMemorySize } from "./memory-size";

export type RawConfig = Readonly<Record<string, unknown>>;

export class ConfigValidationError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`invalid stack configuration:\n  - ${problems.join("\n  - ")}`);
    this.name = "ConfigValidationError";
    this.problems = problems;
  }
}

/** A value as it appears in a message: strings quoted, structures as JSON. */
export function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

export class ConfigReader {
  readonly problems: string[] = [];

  constructor(private readonly raw: RawConfig) {}

  has(key: string): boolean {
    return this.raw[key] !== undefined;
  }

  value(key: string): unknown {
    return this.raw[key];
  }

  invalid(key: string, value: unknown, allowed: string): void {
    this.problems.push(`${key}=${show(value)} is invalid: expected ${allowed}`);
  }

  integer(key: string, fallback: number, min: number, max: number, hint = ""): number {
    const value = this.raw[key];
    if (value === undefined) return fallback;
    const parsed = typeof value === "string" && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
    if (typeof parsed !== "number" || !Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
      this.invalid(key, value, `a whole number from ${min} to ${max}${hint}`);
      return fallback;
    }
    return parsed;
  }

  /** A whole number from a fixed set, e.g. an ensemble size of 1, 3 or 5. */
  choice(key: string, fallback: number, allowed: readonly number[]): number {
    const value = this.raw[key];
    if (value === undefined) return fallback;
    const parsed = typeof value === "string" && /^\d+$/.test(value.trim()) ? Number(value) : value;
    const match = allowed.find((candidate) => candidate === parsed);
    if (match === undefined) this.invalid(key, value, `one of ${allowed.join(", ")}`);
    return match ?? fallback;
  }

  boolean(key: string, fallback: boolean): boolean {
    const value = this.raw[key];
    if (value === undefined) return fallback;
    if (value === true || value === "true") return true;
    if (value === false || value === "false") return false;
    this.invalid(key, value, "true or false");
    return fallback;
  }

  string(key: string, fallback: string, pattern: RegExp, allowed: string): string {
    const value = this.raw[key];
    if (value === undefined) return fallback;
    if (typeof value !== "string" || !pattern.test(value)) {
      this.invalid(key, value, allowed);
      return fallback;
    }
    return value;
  }

  oneOf<T extends string>(key: string, fallback: T, allowed: readonly T[]): T {
    const value = this.raw[key];
    if (value === undefined) return fallback;
    const match = allowed.find((candidate) => candidate === value);
    if (match === undefined) this.invalid(key, value, `one of ${allowed.join(", ")}`);
    return match ?? fallback;
  }

  /** A memory size; returns its text and bytes (the fallback's when the value is invalid). */
  memorySize(key: string, fallback: string): { text: string; bytes: number } {
    const value = this.raw[key];
    const text = value === undefined ? fallback : value;
    const bytes = typeof text === "string" ? parseMemorySize(text) : undefined;
    if (typeof text !== "string" || bytes === undefined) {
      this.invalid(key, value, MEMORY_SIZE_RULE);
      return { text: fallback, bytes: parseMemorySize(fallback) ?? 0 };
    }
    return { text: text.trim().toLowerCase(), bytes };
  }

  /** A structured value: Pulumi hands objects and lists to the program as JSON text. */
  json(key: string, fallback: unknown, allowed: string): unknown {
    const value = this.raw[key];
    if (value === undefined) return fallback;
    if (typeof value !== "string") return value;
    try {
      return JSON.parse(value) as unknown;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.invalid(key, value, `${allowed}, as JSON text (this is not JSON: ${reason})`);
      return fallback;
    }
  }

  /** Keys present in the raw config that the program does not know. */
  rejectUnknown(known: readonly string[]): void {
    const unknown = Object.keys(this.raw).filter((key) => !known.includes(key));
    for (const key of unknown.sort()) {
      this.problems.push(`${key} is not a setting of this project: expected one of ${known.join(", ")}`);
    }
  }

  assertValid(): void {
    if (this.problems.length > 0) throw new ConfigValidationError(this.problems);
  }
}
