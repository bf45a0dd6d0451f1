/**
 * Helpers of the config-validation tests: the problems validateConfig reports for a raw config, and
 * an assertion that one of them names a key, shows its value and says what is allowed.
 */
import assert from "node:assert/strict";
import { ConfigError, validateConfig } from "../../../infra/config";

export function problemsOf(raw: Record<string, unknown>): readonly string[] {
  try {
    validateConfig(raw);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error.problems;
  }
  assert.fail(`expected ${JSON.stringify(raw)} to be rejected`);
}

/** Asserts one problem names `key`, shows `value` and says what is allowed (`allowed`). */
export function assertRejected(
  raw: Record<string, unknown>,
  key: string,
  value: unknown,
  allowed: string | RegExp,
) {
  const problems = problemsOf(raw);
  const prefix = `${key}=${JSON.stringify(value)} is invalid: expected `;
  const problem = problems.find((p) => p.startsWith(prefix));
  assert.ok(problem, `no problem starting with ${prefix} in:\n${problems.join("\n")}`);
  if (typeof allowed === "string")
    assert.ok(problem.includes(allowed), `${problem}\n  should include: ${allowed}`);
  else assert.match(problem, allowed);
}
