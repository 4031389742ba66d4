// Serializes work on one pull request inside this process, so duplicate or concurrent deliveries
// see each other's sticky comment instead of both creating one.
const tails = new Map<string, Promise<unknown>>();
const counts = new Map<string, number>();

export async function withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  const run = previous.then(work, work);
  const tail = run.catch(() => undefined);
  tails.set(key, tail);
  counts.set(key, (counts.get(key) ?? 0) + 1);
  try {
    return await run;
  } finally {
    if (tails.get(key) === tail) tails.delete(key);
    const left = counts.get(key)! - 1;
    if (left > 0) counts.set(key, left);
    else counts.delete(key);
  }
}

/** How many works hold or wait for `key` now (what the tests watch to know a race is set up). */
export function lockHolders(key: string): number {
  return counts.get(key) ?? 0;
}
