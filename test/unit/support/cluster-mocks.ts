/**
 * Pulumi mocks for the resource-graph tests: they record every registration (with its parent and
 * dependencies, read off the monitor request) and fail on any unknown resource type. deploy runs the
 * real program, infra/index.ts, on a given stack config.
 */
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { before, beforeEach } from "node:test";
import * as pulumi from "@pulumi/pulumi";

export const PROJECT = "kafka-pulumi";
export const STACK = "test";

export interface Registration {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  parent: string;
  dependencies: string[];
  retainOnDelete: boolean | undefined;
  deleteBeforeReplace: boolean;
  replaceOnChanges: string[];
  /** The resource whose deletion stands for this one's (see infra/docker/teardown.ts). */
  deletedWith: string;
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getDependenciesList(): string[];
  getRetainondelete(): boolean | undefined;
  getDeletebeforereplace(): boolean;
  getReplaceonchangesList(): string[];
  getDeletedwith(): string;
}

type RegisterResource = (
  req: RegisterRequest,
  callback: (err: unknown, res: unknown) => void,
) => Promise<void>;

const options = new Map<string, Omit<Registration, "inputs">>();
/** Every registration of the current test, in order. */
export const registrations: Registration[] = [];

/** Mock state per type: the provider outputs the program reads. Unknown types fail the test. */
function mockState(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> {
  switch (type) {
    case "docker:index/volume:Volume":
    case "docker:index/container:Container":
      return inputs;
    case "docker:index/remoteImage:RemoteImage":
      return { ...inputs, imageId: `sha256:${String(inputs["name"])}` };
    case "docker:index/image:Image":
      return { ...inputs, repoDigest: `sha256:${String(inputs["imageName"])}` };
    case "kubernetes:core/v1:Namespace":
    case "kubernetes:core/v1:Service":
    case "kubernetes:apps/v1:StatefulSet":
    case "kubernetes:apps/v1:Deployment":
    case "kubernetes:batch/v1:Job":
    case "kubernetes:policy/v1:PodDisruptionBudget":
      return inputs;
    case "pulumi-nodejs:dynamic/kafka:PodReadinessGate":
    case "pulumi-nodejs:dynamic/kafka:PodRollingTurn":
    case "pulumi-nodejs:dynamic/kafka:ReadinessGate":
    case "pulumi-nodejs:dynamic/kafka:RollingTurn":
    case "pulumi-nodejs:dynamic/kafka:DynamicBrokerConfig":
    case "pulumi-nodejs:dynamic/kafka:Topic":
    case "pulumi-nodejs:dynamic/kafka:StackTeardown":
    case "pulumi-nodejs:dynamic/kafka:StackNetwork": {
      const { __provider: provider, ...state } = inputs;
      assert.equal(typeof provider, "string", `${name} carries its serialized provider`);
      return state;
    }
    default:
      if (type.startsWith("kafka-pulumi:index:") || type.startsWith("kafka-pulumi:kubernetes:")) return {};
      throw new Error(`unexpected resource type ${type} (${name})`);
  }
}

function urnName(urn: string): string {
  return urn.split("::").pop() ?? urn;
}

/** Installs the mocks for this test file and starts every test with no registrations. */
export function useClusterMocks(): void {
  before(async () => {
    await pulumi.runtime.setMocks(
      {
        newResource(args) {
          const state = mockState(args.type, args.name, args.inputs as Record<string, unknown>);
          const recorded = options.get(`${args.type}::${args.name}`);
          assert.ok(recorded, `options of ${args.name} were recorded`);
          registrations.push({ ...recorded, inputs: state });
          return { id: args.type.startsWith("kafka-pulumi:") ? undefined : `${args.name}-id`, state };
        },
        call(args) {
          throw new Error(`unexpected call ${args.token}`);
        },
      },
      PROJECT,
      STACK,
      false,
    );
    const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource: RegisterResource };
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, callback) => {
      options.set(`${req.getType()}::${req.getName()}`, {
        type: req.getType(),
        name: req.getName(),
        parent: urnName(req.getParent()),
        dependencies: req.getDependenciesList().map(urnName),
        retainOnDelete: req.getRetainondelete(),
        deleteBeforeReplace: req.getDeletebeforereplace(),
        replaceOnChanges: req.getReplaceonchangesList(),
        deletedWith: urnName(req.getDeletedwith()),
      });
      return register(req, callback);
    };
  });

  beforeEach(() => {
    registrations.length = 0;
  });
}

export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

export function find(type: string, name: string): Registration {
  const found = registrations.filter((r) => r.type === type && r.name === name);
  assert.equal(
    found.length,
    1,
    `one ${type} named ${name} (have ${registrations.map((r) => r.name).join(", ")})`,
  );
  return found[0] as Registration;
}

export const CONTAINER = "docker:index/container:Container";
export const VOLUME = "docker:index/volume:Volume";
export const NETWORK = "pulumi-nodejs:dynamic/kafka:StackNetwork";
export const TOPIC = "pulumi-nodejs:dynamic/kafka:Topic";
export const GATE = "pulumi-nodejs:dynamic/kafka:ReadinessGate";
export const TURN = "pulumi-nodejs:dynamic/kafka:RollingTurn";
export const RUNTIME_CONFIG = "pulumi-nodejs:dynamic/kafka:DynamicBrokerConfig";
export const TEARDOWN = "pulumi-nodejs:dynamic/kafka:StackTeardown";
export const TEARDOWN_SCOPE = "kafka-pulumi:index:TeardownScope";

interface ContainerInputs {
  name: string;
  envs: string[];
  ports?: { internal: number; external: number; ip: string }[];
  networksAdvanced: { name: string; aliases?: string[] }[];
  healthcheck?: { tests: string[]; interval?: string };
  wait?: boolean;
  waitTimeout?: number;
  restart: string;
  mustRun?: boolean;
  destroyGraceSeconds?: number;
  labels: { label: string; value: string }[];
  volumes?: { volumeName: string; containerPath: string }[];
  init?: boolean;
  memory: number;
  memorySwap: number;
}

export function container(name: string): ContainerInputs {
  return find(CONTAINER, name).inputs as unknown as ContainerInputs;
}

export function env(name: string): Record<string, string> {
  return Object.fromEntries(container(name).envs.map((entry) => entry.split(/=(.*)/s).slice(0, 2)));
}

/** Containers named `<prefix><number>`, e.g. `kafka-` finds the brokers `kafka-1`, `kafka-2`. */
export function containersNamed(prefix: string): string[] {
  return registrations
    .filter(
      (r) => r.type === CONTAINER && r.name.startsWith(prefix) && /^\d+$/.test(r.name.slice(prefix.length)),
    )
    .map((r) => r.name)
    .sort();
}

const loadModule = createRequire(__filename);
const PROGRAM = loadModule.resolve("../../../infra/index");

/** What the program exports, with every output resolved. */
export interface ProgramOutputs {
  platform: string;
  bootstrapServers: string;
  internalBootstrapServers: string;
  zookeeperConnect: string | undefined;
  networkName: string;
  topics: string[];
  zookeeperContainers: string[];
  brokerContainers: string[];
  producerContainer: string | undefined;
  consumerContainer: string | undefined;
}

/**
 * Runs the real program (infra/index.ts) on this stack config, as `pulumi up` would hand it over (every
 * value as text), and waits for its outputs and thereby for every registration.
 */
export async function deploy(raw: Record<string, unknown>): Promise<{ outputs: ProgramOutputs }> {
  pulumi.runtime.setAllConfig(
    Object.fromEntries(
      Object.entries(raw).map(([key, value]) => [
        `${PROJECT}:${key}`,
        typeof value === "string" ? value : JSON.stringify(value),
      ]),
    ),
  );
  // A fresh run of the program for each config: only the entry module is loaded again.
  Reflect.deleteProperty(loadModule.cache, PROGRAM);
  const program = (await loadModule(PROGRAM)) as Record<string, unknown>;
  const outputs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(program)) {
    outputs[key] = pulumi.Output.isInstance(value) ? await valueOf(value) : value;
  }
  return { outputs: outputs as unknown as ProgramOutputs };
}
