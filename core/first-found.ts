/** The first defined result of looking each item up in turn (lookups run one at a time, in order). */
export async function firstFound<T, R>(items: readonly T[], lookup: (item: T) => Promise<R | undefined>): Promise<R | undefined> {
  for (const item of items) {
    const found = await lookup(item);
    if (found !== undefined) return found;
  }
  return undefined;
}
