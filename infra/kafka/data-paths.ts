/**
 * Where the Confluent images (and the air-gapped images that copy their interface) keep their data inside
 * the container: the mount points of the volumes or claims that outlive a container.
 */

/** cp-kafka's `log.dirs`. */
export const BROKER_DATA_PATH = "/var/lib/kafka/data";

/** cp-zookeeper's `dataDir` (snapshots). */
export const ZOOKEEPER_DATA_PATH = "/var/lib/zookeeper/data";

/** cp-zookeeper's `dataLogDir` (transaction log). */
export const ZOOKEEPER_LOG_PATH = "/var/lib/zookeeper/log";
