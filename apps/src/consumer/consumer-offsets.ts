/**
 * Bookkeeping of the consumer's handled offsets per partition, kept free of kafkajs so the
 * rules can be tested on their own.
 */

export interface PartitionOffset {
  topic: string;
  partition: number;
  offset: string;
}

/** The partitions a group member owns after a join: topic -> partition numbers. */
export type Assignment = Readonly<Record<string, readonly number[]>>;

export function partitionKey(topic: string, partition: number): string {
  return `${topic}:${partition}`;
}

export function isAssigned(assignment: Assignment, topic: string, partition: number): boolean {
  return assignment[topic]?.includes(partition) ?? false;
}

/**
 * Drops the entries (keyed by partitionKey) of partitions that are not in the new assignment,
 * so a later commit never sends an offset for a partition another member now owns.
 * Returns the keys that were dropped, sorted.
 */
export function pruneToAssignment(
  assignment: Assignment,
  ...offsetMaps: ReadonlyArray<Map<string, unknown>>
): string[] {
  const keep = new Set(
    Object.entries(assignment).flatMap(([topic, partitions]) =>
      partitions.map((partition) => partitionKey(topic, partition)),
    ),
  );
  const dropped = new Set<string>();
  for (const offsets of offsetMaps) {
    for (const key of [...offsets.keys()]) {
      if (keep.has(key)) continue;
      offsets.delete(key);
      dropped.add(key);
    }
  }
  return [...dropped].sort();
}
