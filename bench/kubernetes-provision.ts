/**
 * The Kubernetes platform's provisioning: a cold `pulumi up` and a `pulumi destroy` of the shipped
 * kubernetes stack's shape (3 KRaft brokers, replication 3, the apps) on the local cluster of
 * `npm run toolchain -- kubernetes`, in a namespace of its own, timed as a user runs them. brokersReady is when
 * the readiness gate saw every broker's pod Ready and every partition in sync.
 */
import { KAFKA_IMAGE } from "../test/support/airgap-images";
import {
  pushToLocalRegistry,
  removePushedAppImages,
  useLocalKubernetes,
} from "../test/e2e/support/local-kubernetes";
import { shippedStackConfig } from "../test/e2e/support/e2e-stack";
import { BENCH_PROJECT } from "./pulumi-identity";
import { PulumiProvisioner, stageTimeline } from "./pulumi-provision";

export interface KubernetesProvisioning {
  /** Seconds of a cold `pulumi up`, from start to exit. */
  upSeconds: number;
  /** Seconds into that `up` when every broker was ready and in sync. */
  brokersReadySeconds: number | undefined;
  /** Seconds of `pulumi destroy` (the namespace and everything in it). */
  destroySeconds: number;
  /** The `up`'s stages, as for Docker. */
  upStages: Record<string, number>;
}

/** Why the local cluster cannot be measured, or undefined when it can (it then points this process at it). */
export function kubernetesSideUnavailable(): string | undefined {
  return useLocalKubernetes();
}

export async function kubernetesProvisioning(stackName: string): Promise<KubernetesProvisioning> {
  await pushToLocalRegistry(KAFKA_IMAGE);
  const provisioner = await PulumiProvisioner.create(stackName, {
    ...shippedStackConfig("kubernetes"),
    namespace: stackName,
  });
  try {
    const up = await provisioner.up();
    const upStages = stageTimeline(up.timeline);
    const destroy = await provisioner.destroy();
    return {
      upSeconds: up.seconds,
      brokersReadySeconds: upStages["brokersReady"],
      destroySeconds: destroy.seconds,
      upStages,
    };
  } finally {
    await provisioner.remove();
    await removePushedAppImages({ project: BENCH_PROJECT, stack: stackName });
  }
}
