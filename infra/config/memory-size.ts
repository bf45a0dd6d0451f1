/**
 * Memory sizes as written in config (`512m`, `1g`): JVM-style numbers with a k, m or g suffix.
 * Docker's `memory` argument takes whole MiB (docker/memory-limit.ts); the JVM takes the text itself.
 */

export const MEMORY_SIZE_RULE = "a size like 256m or 1g (a whole number with suffix k, m or g)";

const SIZE = /^([1-9]\d*)([kmg])$/i;
const BYTES_PER_UNIT: Record<string, number> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** Bytes in `text`, or undefined when it is not a size in MEMORY_SIZE_RULE's format. */
export function parseMemorySize(text: string): number | undefined {
  const match = SIZE.exec(text.trim());
  if (match === null) return undefined;
  const [, amount, unit] = match;
  const bytes = Number(amount) * (BYTES_PER_UNIT[(unit ?? "").toLowerCase()] ?? Number.NaN);
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}
