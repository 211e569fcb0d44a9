/**
 * `metav1.Time` helpers: RFC 3339 UTC with second precision, as Kubernetes serialises it.
 * Time always comes in as an argument (`nowMs`); nothing here reads a clock.
 */

/** `metav1.NewTime(t)` on the wire: `2020-09-22T09:10:05Z` (milliseconds truncated). */
export function metaTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Milliseconds of a wire timestamp; undefined when absent or unparsable. */
export function parseMetaTime(value: string | Date | undefined | null): number | undefined {
  if (value === undefined || value === null) return undefined;
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
