/** Small helpers for the benchmark: bounded concurrency, percentiles, printing. */
export async function runConcurrently<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++]!;
        const start = performance.now();
        await work(item);
        latencies.push(performance.now() - start);
      }
    }),
  );
  return latencies;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export const fmt = (n: number, digits = 1) => n.toFixed(digits);
