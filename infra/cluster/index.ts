/** The cluster: network, ZooKeeper ensemble (or KRaft), brokers and declared topics. */
export { KafkaCluster, type KafkaClusterArgs } from "./kafka-cluster";
