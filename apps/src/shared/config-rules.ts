/**
 * Zod schemas for configuration that arrives as text (environment variables, Pulumi config)
 * and the one message format for what is wrong with it (problemLine), with the one error that
 * lists such problems (ConfigError). Each schema's error message says what would be accepted;
 * describeIssues adds the key and the value it saw. This file knows nothing about the apps, so
 * the Pulumi program applies the same rules and reports its problems the same way.
 */
import { z } from "zod";

/** Every problem of one configuration; `subject` names it in the message (the apps' or the stack's). */
export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[], subject = "configuration") {
    super(`invalid ${subject}:\n  - ${problems.join("\n  - ")}`);
    this.name = "ConfigError";
    this.problems = problems;
  }
}

/** Exactly "true" or "false" (case matters, so "True" is not silently read), or a real boolean. */
export const booleanFlag = z.union(
  [z.boolean(), z.enum(["true", "false"]).transform((value) => value === "true")],
  { error: "true or false" },
);

export interface WholeNumberRule {
  min: number;
  max?: number;
  /** Extra words for the message, e.g. what 0 means. */
  hint?: string;
}

export function describeWholeNumber(rule: WholeNumberRule): string {
  const range = rule.max === undefined ? `>= ${rule.min}` : `from ${rule.min} to ${rule.max}`;
  return `a whole number ${range}${rule.hint === undefined ? "" : ` (${rule.hint})`}`;
}

/** A whole decimal number as text ("42", "-1") or as a number; no fractions, exponents or hex. */
export function wholeNumber(rule: WholeNumberRule) {
  const error = describeWholeNumber(rule);
  const range = z.int({ error }).min(rule.min, { error });
  return z.preprocess(
    (value) => (typeof value === "string" && /^-?\d+$/.test(value) ? Number(value) : value),
    rule.max === undefined ? range : range.max(rule.max, { error }),
  );
}

/** A string matching `pattern`; `expected` describes the pattern in words. */
export function matching(pattern: RegExp, expected: string) {
  return z.string({ error: expected }).regex(pattern, { error: expected });
}

/** One of a fixed list of strings. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `one of ${values.join(", ")}` });
}

/** A value as it appears in a message: strings quoted, structures as JSON. */
export function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/**
 * The one line for a problem with `key`: `KEY=value is invalid: expected …`, or, for a missing value,
 * `KEY is required (unsetMeans): expected …`.
 */
export function problemLine(key: string, value: unknown, expected: string, unsetMeans = "unset"): string {
  return value === undefined
    ? `${key} is required (${unsetMeans}): expected ${expected}`
    : `${key}=${show(value)} is invalid: expected ${expected}`;
}

/** `topics[0].name`: keys dotted, list positions in brackets. */
function keyOf(path: readonly PropertyKey[]): string {
  return path
    .map((segment, index) =>
      typeof segment === "number" ? `[${segment}]` : `${index === 0 ? "" : "."}${String(segment)}`,
    )
    .join("");
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * One problemLine per key that has a problem, showing the value found in `input` at the issue's path
 * (or, for a value the input does not hold, such as a derived one, the issue's own input).
 */
export function describeIssues(error: z.ZodError, input: unknown, unsetMeans = "unset"): string[] {
  const problems = new Map<string, string>();
  for (const issue of error.issues) {
    const key = keyOf(issue.path);
    if (problems.has(key)) continue;
    const value = valueAt(input, issue.path) ?? (issue as { input?: unknown }).input;
    problems.set(key, problemLine(key, value, issue.message, unsetMeans));
  }
  return [...problems.values()];
}
