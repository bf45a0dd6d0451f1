/**
 * Typed readers over the raw stack config, on the same zod rules the apps read their environment
 * with (apps/src/shared/config-rules.ts), so a value means the same on both sides. Values arrive as
 * strings from `pulumi config` and as numbers or booleans from tests. Each reader records a problem
 * instead of throwing, so one run reports every bad key, naming the key, the value and what is allowed.
 */
import { z } from "zod";
import {
  booleanFlag,
  ConfigError,
  matching,
  oneOf,
  problemLine,
  wholeNumber,
  type WholeNumberRule,
} from "../../apps/src/shared/config-rules.js";
import { MEMORY_SIZE_RULE, parseMemorySize } from "./memory-size";

export type RawConfig = Readonly<Record<string, unknown>>;

export { show } from "../../apps/src/shared/config-rules.js";

export class ConfigReader {
  readonly problems: string[] = [];

  constructor(private readonly raw: RawConfig) {}

  value(key: string): unknown {
    return this.raw[key];
  }

  invalid(key: string, value: unknown, allowed: string): void {
    this.problems.push(problemLine(key, value, allowed));
  }

  /** The key's value parsed by `schema`, or `fallback` when it is unset or invalid (and recorded). */
  parse<T>(key: string, schema: z.ZodType<T>, fallback: T): T {
    const value = this.raw[key];
    if (value === undefined) return fallback;
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    this.invalid(key, value, parsed.error.issues[0]?.message ?? "a valid value");
    return fallback;
  }

  integer(key: string, fallback: number, rule: WholeNumberRule): number {
    return this.parse(key, wholeNumber(rule) as z.ZodType<number>, fallback);
  }

  /** A whole number from a fixed set, e.g. an ensemble size of 1, 3 or 5. */
  choice(key: string, fallback: number, allowed: readonly [number, ...number[]]): number {
    const error = `one of ${allowed.join(", ")}`;
    const schema = z.preprocess(
      (value) => (typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value),
      z.literal(allowed, { error }),
    );
    return this.parse(key, schema as z.ZodType<number>, fallback);
  }

  boolean(key: string, fallback: boolean): boolean {
    return this.parse(key, booleanFlag, fallback);
  }

  string(key: string, fallback: string, pattern: RegExp, allowed: string): string {
    return this.parse(key, matching(pattern, allowed), fallback);
  }

  oneOf<const T extends readonly [string, ...string[]]>(
    key: string,
    fallback: T[number],
    allowed: T,
  ): T[number] {
    return this.parse(key, oneOf(allowed) as z.ZodType<T[number]>, fallback);
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
  json(key: string, fallback: string, allowed: string): unknown {
    const value = this.raw[key] ?? fallback;
    if (typeof value !== "string") return value;
    try {
      return JSON.parse(value) as unknown;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.invalid(key, value, `${allowed}, as JSON text (this is not JSON: ${reason})`);
      return JSON.parse(fallback) as unknown;
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
    if (this.problems.length > 0) throw new ConfigError(this.problems, "stack configuration");
  }
}
