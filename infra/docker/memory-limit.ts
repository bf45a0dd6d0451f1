/**
 * Memory limits of containers. Docker's `memory` argument takes whole MiB; the config gives bytes.
 */

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
