import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { z } from "zod";
import {
  booleanFlag,
  describeIssues,
  matching,
  oneOf,
  wholeNumber,
} from "../../apps/src/shared/config-rules.js";

/** The problem lines for `input` under a one-key schema `{ key: schema }`. */
function problems(schema: z.ZodType, input: Record<string, unknown>): string[] {
  const object = z.object({ key: schema });
  const result = object.safeParse(input);
  return result.success ? [] : describeIssues(result.error, input);
}

describe("config rules", () => {
  it("read booleans as exactly true or false, as text or as booleans", () => {
    assert.deepEqual(
      ["true", "false", true, false].map((value) => booleanFlag.parse(value)),
      [true, false, true, false],
    );
    for (const value of ["TRUE", "1", "yes", "", 0]) {
      assert.deepEqual(problems(booleanFlag, { key: value }), [
        `key=${JSON.stringify(value)} is invalid: expected true or false`,
      ]);
    }
  });

  it("read whole decimal numbers within the range, as text or as numbers", () => {
    const port = wholeNumber({ min: 1, max: 65535 });
    assert.deepEqual(
      ["1", "0080", "65535", 443].map((value) => port.parse(value)),
      [1, 80, 65535, 443],
    );
    for (const value of ["0", "65536", "-1", "1.5", "1e3", "0x10", " ", 2.5, "9007199254740993"]) {
      assert.deepEqual(problems(port, { key: value }), [
        `key=${JSON.stringify(value)} is invalid: expected a whole number from 1 to 65535`,
      ]);
    }
    assert.equal(wholeNumber({ min: -5 }).parse("-5"), -5);
  });

  it("describe a range without a maximum and its hint", () => {
    assert.deepEqual(problems(wholeNumber({ min: 0, hint: "0 = unlimited" }), { key: "x" }), [
      `key="x" is invalid: expected a whole number >= 0 (0 = unlimited)`,
    ]);
  });

  it("name what is allowed for patterns and fixed lists", () => {
    assert.deepEqual(problems(matching(/^[a-z]+$/, "lower-case letters"), { key: "A" }), [
      `key="A" is invalid: expected lower-case letters`,
    ]);
    assert.deepEqual(problems(oneOf(["debug", "info"]), { key: "loud" }), [
      `key="loud" is invalid: expected one of debug, info`,
    ]);
  });

  it("report a missing key as required, once per key, with nested keys dotted", () => {
    assert.deepEqual(problems(booleanFlag, {}), ["key is required (unset): expected true or false"]);
    const nested = z.object({ apps: z.object({ enabled: booleanFlag, count: wholeNumber({ min: 0 }) }) });
    const input = { apps: { enabled: "on", count: "-1" } };
    const result = nested.safeParse(input);
    assert.equal(result.success, false);
    assert.deepEqual(describeIssues(result.error ?? assert.fail(), input), [
      `apps.enabled="on" is invalid: expected true or false`,
      `apps.count="-1" is invalid: expected a whole number >= 0`,
    ]);
  });

  it("write list positions in brackets and show a value the input does not hold from the issue", () => {
    const list = z.object({ items: z.array(z.object({ size: wholeNumber({ min: 1 }) })) });
    const input = { items: [{ size: 1 }, { size: 0 }] };
    const result = list.safeParse(input);
    assert.deepEqual(describeIssues(result.error ?? assert.fail(), input), [
      `items[1].size=0 is invalid: expected a whole number >= 1`,
    ]);
    const derived = z.object({ size: z.number() }).superRefine((_, ctx) => {
      ctx.addIssue({ code: "custom", path: ["limit"], input: 3, message: "at most 2" });
    });
    const checked = derived.safeParse({ size: 1 }, { reportInput: true });
    assert.deepEqual(describeIssues(checked.error ?? assert.fail(), { size: 1 }), [
      "limit=3 is invalid: expected at most 2",
    ]);
  });
});
