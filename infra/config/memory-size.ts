/**
 * Memory sizes as written in config (`512m`, `1g`): JVM-style numbers with a k, m or g suffix.
 * Docker's `memory` argument takes whole MiB; the JVM takes the text itself (`-Xmx512m`).
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

/** Whole MiB for Docker's `memory` argument (sizes below 1 MiB round down to 0). */
export function toMebibytes(bytes: number): number {
  return Math.floor(bytes / 1024 ** 2);
}

/**
 * A container's memory arguments. Without `memorySwap` Docker records twice the limit, which the
 * provider reads back as drift on every refresh; equal to the limit it converges and means no swap,
 * which a JVM wants anyway.
 */
export function memoryLimit(bytes: number): { memory: number; memorySwap: number } {
  const mebibytes = toMebibytes(bytes);
  return { memory: mebibytes, memorySwap: mebibytes };
}

/** JVM options fixing the heap at `heap` (initial = maximum, so the limit is hit at start, not later). */
export function heapOptions(heap: string): string {
  return `-Xms${heap} -Xmx${heap}`;
}
