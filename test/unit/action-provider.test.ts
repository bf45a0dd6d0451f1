import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { actionProvider } from "../../infra/pulumi/action-provider";

interface Target {
  servers: string;
  __provider?: string;
}

describe("action provider", () => {
  const applied: Target[] = [];
  const provider = actionProvider<Target>(
    (inputs) => inputs.servers,
    async (inputs) => {
      applied.push(inputs);
    },
  );

  it("sees no change when only the serialized provider differs (an edit of the program, or it compiled)", async () => {
    const diff = await provider.diff?.(
      "a",
      { servers: "a", __provider: "v1" },
      { servers: "a", __provider: "v2" },
    );
    assert.equal(diff?.changes, false);
  });

  it("sees a change of its own inputs, and runs the action on update", async () => {
    const diff = await provider.diff?.(
      "a",
      { servers: "a", __provider: "v1" },
      { servers: "b", __provider: "v1" },
    );
    assert.equal(diff?.changes, true);
    await provider.update?.("a", { servers: "a" }, { servers: "b" });
    assert.deepEqual(applied, [{ servers: "b" }]);
  });

  it("runs the action on create unless its inputs ask for changes only, and on every update either way", async () => {
    const ran: string[] = [];
    const changesOnly = actionProvider<Target & { changesOnly?: boolean }>(
      (inputs) => inputs.servers,
      async (inputs) => {
        ran.push(inputs.servers);
      },
      (inputs) => inputs.changesOnly !== true,
    );
    await changesOnly.create?.({ servers: "created" });
    await changesOnly.create?.({ servers: "created quietly", changesOnly: true });
    await changesOnly.update?.("a", { servers: "a", changesOnly: true }, { servers: "b", changesOnly: true });
    assert.deepEqual(ran, ["created", "b"]);
  });
});
