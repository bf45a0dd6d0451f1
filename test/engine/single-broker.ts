/**
 * One ZooKeeper node and one broker from the air-gapped images, with the program's listener layout: INTERNAL on
 * the network and EXTERNAL published on 127.0.0.1, for tests that need a real cluster but not the whole program.
 */
import {
  brokerHealthCmd,
  healthFlags,
  waitHealthy,
  KAFKA_IMAGE,
  ZOOKEEPER_HEALTH_CMD,
  ZOOKEEPER_IMAGE,
} from "../images/airgap-images.js";
import { freePort, type DockerResources } from "../images/docker-cli.js";

const INTERNAL_PORT = 29092;

export interface SingleBroker {
  /** Bootstrap servers for clients on the host. */
  bootstrapServers: string;
  network: string;
  broker: string;
}

export async function startSingleBroker(resources: DockerResources): Promise<SingleBroker> {
  const network = await resources.network("net");
  const hostPort = await freePort();
  const zookeeper = await resources.run("zookeeper", [
    ...["--network", network, "--network-alias", "zookeeper"],
    ...["-e", "ZOOKEEPER_CLIENT_PORT=2181", "-e", "KAFKA_HEAP_OPTS=-Xmx128m -Xms128m"],
    ...healthFlags(ZOOKEEPER_HEALTH_CMD),
    ZOOKEEPER_IMAGE,
  ]);
  await waitHealthy(zookeeper, 60_000);
  const broker = await resources.run("kafka", [
    ...["--network", network, "--network-alias", "kafka-1", "-p", `127.0.0.1:${hostPort}:${hostPort}`],
    ...["-e", "KAFKA_BROKER_ID=1", "-e", "KAFKA_ZOOKEEPER_CONNECT=zookeeper:2181"],
    ...[
      "-e",
      `KAFKA_ADVERTISED_LISTENERS=INTERNAL://kafka-1:${INTERNAL_PORT},EXTERNAL://localhost:${hostPort}`,
    ],
    ...["-e", "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP=INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT"],
    ...["-e", "KAFKA_INTER_BROKER_LISTENER_NAME=INTERNAL", "-e", "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR=1"],
    ...["-e", "KAFKA_AUTO_CREATE_TOPICS_ENABLE=false", "-e", "KAFKA_HEAP_OPTS=-Xmx512m -Xms512m"],
    ...healthFlags(brokerHealthCmd(INTERNAL_PORT)),
    KAFKA_IMAGE,
  ]);
  await waitHealthy(broker, 120_000);
  return { bootstrapServers: `localhost:${hostPort}`, network, broker };
}
