/**
 * One broker on Kubernetes: a StatefulSet of one pod with its own claim, a headless Service `kafka-N` that
 * gives pods the INTERNAL name the Docker network gives containers, and a NodePort Service that publishes
 * its EXTERNAL listener on `hostPortBase + N - 1`. One StatefulSet per broker, as Strimzi keeps one pod set
 * per node: each broker has its own advertised listener, node port and claim without per-pod scripting,
 * and the program rolls them one at a time by the same rule as on Docker, which checks in-sync replicas
 * where a StatefulSet's own rolling update checks only readiness.
 */
import { createHash } from "node:crypto";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { CONTROLLER_PORT, INTERNAL_PORT } from "../kafka/listeners";
import { type Environment } from "../kafka/environment";
import { COMPONENT_LABEL, INSTANCE_LABEL, NAME_LABEL, PART_OF_LABEL, REVISION_ANNOTATION } from "./kubectl";

/**
 * A pod gets a new address at every restart, and the JVM keeps a name's address for 30 s: a broker that still
 * reaches a restarted peer (a controller voter, a leader) at its old address waits out the 10 s connection
 * timeout. One second keeps the names as fresh as the cluster's DNS.
 */
const POD_JVM_OPTIONS = { KAFKA_OPTS: "-Dsun.net.inetaddr.ttl=1" };

/** The uid and gid the Kafka images run as (appuser in cp-kafka and the air-gapped image). */
export const KAFKA_USER_ID = 1000;

export interface BrokerWorkloadArgs {
  /** The project and stack, for the labels. */
  owner: { project: string; stack: string };
  namespace: pulumi.Input<string>;
  /** Host name on the pod network (`kafka-N`), also the name of its objects. */
  alias: string;
  /** The EXTERNAL listener's port: bound in the pod, and the node port. */
  externalPort: number;
  image: string;
  /** The broker's environment, as on Docker (kafka/environment.ts). */
  environment: Environment;
  /** Where the image keeps its data. */
  dataPath: string;
  /** Memory request and limit of the pod, in bytes. */
  memoryBytes: number;
  /** Storage class of the claim; undefined = the cluster's default. */
  storageClass: string | undefined;
  /** Size of the claim, e.g. `1Gi`. */
  storageSize: string;
  /** Keep the claim when the StatefulSet is deleted. */
  retainData: boolean;
  /** The readiness probe's command: the same client call as the Docker healthcheck. */
  probe: string[];
  /** Seconds between SIGTERM and SIGKILL: time for a controlled shutdown. */
  stopGraceSeconds: number;
}

export interface BrokerWorkload {
  statefulSet: k8s.apps.v1.StatefulSet;
  /** Its headless Service (the INTERNAL name) and its NodePort Service (the host's way in). */
  services: k8s.core.v1.Service[];
  /** The pod that runs the broker. */
  pod: string;
  /** The revision its pod must carry before it counts as ready (see kubectl.ts). */
  revision: string;
}

export function brokerLabels(owner: BrokerWorkloadArgs["owner"], alias: string): Record<string, string> {
  return {
    [PART_OF_LABEL]: owner.project,
    [INSTANCE_LABEL]: owner.stack,
    [COMPONENT_LABEL]: "broker",
    [NAME_LABEL]: alias,
  };
}

function revisionOf(args: BrokerWorkloadArgs): string {
  const { alias, image, environment, externalPort, memoryBytes, probe, dataPath } = args;
  const made = { alias, image, environment, externalPort, memoryBytes, probe, dataPath, POD_JVM_OPTIONS };
  return createHash("sha256").update(JSON.stringify(made)).digest("hex").slice(0, 16);
}

function services(
  name: string,
  args: BrokerWorkloadArgs,
  selector: Record<string, string>,
  opts: pulumi.CustomResourceOptions,
): k8s.core.v1.Service[] {
  const metadata = (suffix: string) => ({
    name: `${args.alias}${suffix}`,
    namespace: args.namespace,
    labels: selector,
  });
  const internal = new k8s.core.v1.Service(
    `${name}-internal`,
    {
      metadata: metadata(""),
      spec: {
        clusterIP: "None",
        selector,
        // KRaft controllers find each other before any of them is ready.
        publishNotReadyAddresses: true,
        ports: [
          { name: "internal", port: INTERNAL_PORT },
          { name: "controller", port: CONTROLLER_PORT },
        ],
      },
    },
    opts,
  );
  const external = new k8s.core.v1.Service(
    `${name}-external`,
    {
      metadata: metadata("-external"),
      spec: {
        type: "NodePort",
        selector,
        ports: [
          {
            name: "external",
            port: args.externalPort,
            targetPort: args.externalPort,
            nodePort: args.externalPort,
          },
        ],
      },
    },
    opts,
  );
  return [internal, external];
}

export function brokerWorkload(
  name: string,
  args: BrokerWorkloadArgs,
  opts: pulumi.CustomResourceOptions,
): BrokerWorkload {
  const selector = brokerLabels(args.owner, args.alias);
  const brokerServices = services(name, args, selector, opts);
  const revision = revisionOf(args);
  const memory = String(args.memoryBytes);
  const statefulSet = new k8s.apps.v1.StatefulSet(
    name,
    {
      metadata: {
        name: args.alias,
        namespace: args.namespace,
        labels: selector,
      },
      spec: {
        replicas: 1,
        serviceName: args.alias,
        selector: { matchLabels: selector },
        persistentVolumeClaimRetentionPolicy: {
          whenDeleted: args.retainData ? "Retain" : "Delete",
          whenScaled: "Retain",
        },
        template: {
          metadata: { labels: selector, annotations: { [REVISION_ANNOTATION]: revision } },
          spec: {
            terminationGracePeriodSeconds: args.stopGraceSeconds,
            enableServiceLinks: false,
            securityContext: {
              runAsNonRoot: true,
              runAsUser: KAFKA_USER_ID,
              runAsGroup: KAFKA_USER_ID,
              fsGroup: KAFKA_USER_ID,
              seccompProfile: { type: "RuntimeDefault" },
            },
            containers: [
              {
                name: "kafka",
                image: args.image,
                imagePullPolicy: "IfNotPresent",
                env: Object.entries({ ...args.environment, ...POD_JVM_OPTIONS }).map(([envName, value]) => ({
                  name: envName,
                  value,
                })),
                ports: [
                  { name: "internal", containerPort: INTERNAL_PORT },
                  { name: "controller", containerPort: CONTROLLER_PORT },
                  { name: "external", containerPort: args.externalPort },
                ],
                readinessProbe: {
                  exec: { command: args.probe },
                  periodSeconds: 2,
                  timeoutSeconds: 10,
                  failureThreshold: 3,
                },
                resources: { requests: { memory, cpu: "100m" }, limits: { memory } },
                securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
                volumeMounts: [{ name: "data", mountPath: args.dataPath }],
              },
            ],
          },
        },
        volumeClaimTemplates: [
          {
            metadata: { name: "data", labels: selector },
            spec: {
              accessModes: ["ReadWriteOnce"],
              storageClassName: args.storageClass,
              resources: { requests: { storage: args.storageSize } },
            },
          },
        ],
      },
    },
    // A fixed name cannot exist twice: a change of an immutable field (the claim) deletes the old set first.
    { ...opts, deleteBeforeReplace: true },
  );
  return { statefulSet, services: brokerServices, pod: `${args.alias}-0`, revision };
}
