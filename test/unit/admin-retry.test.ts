import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { KafkaJSBrokerNotFound, KafkaJSNonRetriableError } from "kafkajs";
import { retryWhileBrokerMissing } from "../../infra/admin/admin-client";

// kafkajs' types leave out the message its constructor takes.
const BrokerNotFound = KafkaJSBrokerNotFound as unknown as new (message: string) => Error;

/** Work that fails with each given error in turn, then returns how many calls it took. */
function failingWith(errors: Error[]): { work: () => Promise<number>; calls: () => number } {
  let calls = 0;
  return {
    work: async () => {
      const error = errors[calls++];
      if (error !== undefined) throw error;
      return calls;
    },
    calls: () => calls,
  };
}

describe("work addressed to one broker", () => {
  it("is tried again while the broker is missing from the metadata", async () => {
    const missing = new BrokerNotFound("Broker 2 not found in the cached metadata");
    const { work } = failingWith([missing, missing]);
    assert.equal(await retryWhileBrokerMissing(work, 5_000, 1), 3);
  });

  it("fails at once on any other error", async () => {
    const { work, calls } = failingWith([new KafkaJSNonRetriableError("Invalid config value")]);
    await assert.rejects(retryWhileBrokerMissing(work, 5_000, 1), /Invalid config value/);
    assert.equal(calls(), 1);
  });

  it("gives up with the broker's error once the wait is over", async () => {
    const missing = new BrokerNotFound("Broker 2 not found in the cached metadata");
    const { work, calls } = failingWith(Array.from({ length: 1_000 }, () => missing));
    await assert.rejects(retryWhileBrokerMissing(work, 30, 5), /Broker 2 not found/);
    assert.ok(calls() > 1 && calls() < 1_000, `${calls()} calls`);
  });
});
