/** Entries a cache holds before it starts again, so that a run with endless distinct values cannot grow it. */
const MAX_ENTRIES = 50_000;

/**
 * `derive(text)`, worked out once per distinct text and kept in `cache`: for pure functions of
 * text that repeats across thousands of documents (PO line numbers, SKUs, item descriptions).
 */
export function rememberedFor<T>(cache: Map<string, T>, text: string, derive: (text: string) => T): T {
  let value = cache.get(text);
  if (value === undefined) {
    value = derive(text);
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(text, value);
  }
  return value;
}
