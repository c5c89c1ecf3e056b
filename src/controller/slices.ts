// Big state changes (100k partitions) are done slice by slice, sending each slice's broker
// requests before starting the next: it bounds the memory of the transient ops and requests,
// and brokers hear about the first partitions early.
export const SLICE = 10_000;

export async function inSlices<T>(items: readonly T[], fn: (slice: T[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += SLICE) await fn(items.slice(i, i + SLICE));
}
