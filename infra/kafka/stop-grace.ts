/**
 * How long a container gets between the request to stop (SIGTERM) and the kill, whatever runs it. A broker
 * needs it for a controlled shutdown: leadership moved, logs flushed and its ZooKeeper session closed, so
 * a replacement neither meets `NodeExists` at /brokers/ids nor recovers its logs. ZooKeeper closes its
 * sessions; the consumer commits its offsets and leaves its group.
 */

/** Brokers and ZooKeeper nodes. */
export const SERVER_STOP_GRACE_SECONDS = 30;

/** The producer and the consumer (their own grace period ends at 8 s, see apps/src/shared/process-lifecycle.ts). */
export const APP_STOP_GRACE_SECONDS = 10;
