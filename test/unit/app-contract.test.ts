/**
 * The contract between the program and the apps (apps/src/shared/app-contract.ts): what the program puts
 * in an app's environment is what that app reads back, and every setting with a stack key is declared in
 * Pulumi.yaml with the contract's default.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { loadAppConfig } from "../../apps/src/shared/app-config.js";
import {
  APP_SETTINGS,
  readsSetting,
  STACK_SET_NAMES,
  type AppEnvironment,
  type AppName,
} from "../../apps/src/shared/app-contract.js";
import { appEnvironment } from "../../infra/apps";
import { DEFAULTS, validateConfig } from "../../infra/config";

const APPS: AppName[] = ["producer", "consumer"];
const BOOTSTRAP = "kafka-1:29092,kafka-2:29092";

/** The value of setting `name` in what the app loaded, wherever its group puts it. */
function loaded(config: ReturnType<typeof loadAppConfig>, name: string): unknown {
  const groups = [config, config.producer, config.consumer].map((group) => new Map(Object.entries(group)));
  return groups.find((group) => group.has(name))?.get(name);
}

describe("the apps' contract", () => {
  for (const raw of [
    {},
    { producerTopic: "orders.v1", logLevel: "debug", producerIntervalMs: "0", producerCount: "25" },
    { consumerGroup: "billing", logLevel: "warn", producerIntervalMs: 86_400_000 },
  ]) {
    test(`each app reads back the stack's settings it is given: ${JSON.stringify(raw)}`, () => {
      const settings = validateConfig(raw).apps ?? assert.fail("apps run by default");
      for (const app of APPS) {
        const config = loadAppConfig(appEnvironment(app, settings, BOOTSTRAP), app);
        assert.deepEqual(config.brokers, BOOTSTRAP.split(","));
        assert.equal(config.clientId, `kafka-pulumi-${app}`);
        for (const name of STACK_SET_NAMES.filter((setting) => readsSetting(app, setting))) {
          assert.equal(loaded(config, name), settings[name], `${app} reads ${name}`);
        }
      }
    });
  }

  test("an app is given only the variables it reads", () => {
    const settings = validateConfig({}).apps ?? assert.fail("apps run by default");
    for (const app of APPS) {
      const others = Object.values(APP_SETTINGS).filter(
        (setting) => setting.readBy !== "both" && setting.readBy !== app,
      );
      const given = Object.keys(appEnvironment(app, settings, BOOTSTRAP));
      assert.ok(
        given.includes("KAFKA_BROKERS") && given.includes("LOG_LEVEL"),
        `${app}: ${given.join(", ")}`,
      );
      for (const setting of others)
        assert.ok(!given.includes(setting.variable), `${app} is not given ${setting.variable}`);
    }
  });

  test("every setting with a stack key is declared in Pulumi.yaml with the contract's default", () => {
    const declared: Record<string, unknown> = { ...DEFAULTS };
    for (const name of STACK_SET_NAMES) {
      const { stackKey, default: fallback } = APP_SETTINGS[name];
      assert.equal(declared[stackKey], fallback, `Pulumi.yaml's ${stackKey}`);
    }
  });

  test("an environment for the apps names only variables they read", () => {
    // @ts-expect-error a misspelt variable does not compile
    const misspelt: AppEnvironment = { KAFKA_TOPC: "orders" };
    assert.ok(misspelt);
  });
});
