/**
 * Broker settings that Kafka changes at runtime ("Updating Broker Configs"), applied through the admin
 * API instead of the containers' environment, so that changing them restarts nothing. Each broker gets
 * them as its own dynamic config: kafkajs cannot address the cluster-wide default, and a broker that is
 * added later gets them on the next update.
 */
import * as pulumi from "@pulumi/pulumi";
import { ConfigResourceTypes } from "kafkajs";
import { retryWhileBrokerMissing, withAdmin } from "../admin/admin-client";
import { actionProvider } from "../pulumi/action-provider";
import { dynamicProvider, KafkaDynamicResource } from "../pulumi/dynamic-resource";

interface DynamicConfigState {
  bootstrapServers: string;
  brokerIds: number[];
  configs: Record<string, string>;
}

/** Sets exactly `configs` as each broker's dynamic config (the legacy call replaces the whole set). */
async function apply(state: DynamicConfigState): Promise<void> {
  await retryWhileBrokerMissing(() =>
    withAdmin(state.bootstrapServers, (admin) =>
      admin.alterConfigs({
        validateOnly: false,
        resources: state.brokerIds.map((id) => ({
          type: ConfigResourceTypes.BROKER,
          name: String(id),
          configEntries: Object.entries(state.configs).map(([name, value]) => ({ name, value })),
        })),
      }),
    ),
  );
}

// The settings live in the cluster's metadata and go with it: nothing to remove.
const dynamicConfigProvider = actionProvider<DynamicConfigState>(() => "brokers", apply);

export interface DynamicBrokerConfigArgs {
  /** Host-side bootstrap list the provider connects through. */
  bootstrapServers: string;
  /** Ids of every broker that gets the settings. */
  brokerIds: number[];
  /** Broker properties Kafka updates at runtime, e.g. `min.insync.replicas`. */
  configs: Record<string, string>;
}

const dynamicBrokerConfigResource = dynamicProvider("DynamicBrokerConfig", dynamicConfigProvider);

export class DynamicBrokerConfig extends KafkaDynamicResource {
  constructor(name: string, args: DynamicBrokerConfigArgs, opts?: pulumi.CustomResourceOptions) {
    super(dynamicBrokerConfigResource, name, { ...args }, opts);
  }
}
