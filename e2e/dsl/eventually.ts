/**
 * Polling assertions: read the cluster until `check` returns no mismatch, or fail after `timeoutMs` with the
 * last mismatch and the world's diagnostics (controller log tail). Timeouts bound waiting only; no scenario
 * asserts on how long anything took.
 */
export interface EventuallyOptions {
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
  readonly diagnostics?: () => string;
}

/** `check` resolves to undefined when satisfied, else to a description of what is still different. */
export async function eventually(what: string, check: () => Promise<string | undefined>, options: EventuallyOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const intervalMs = options.intervalMs ?? 100;
  const deadline = performance.now() + timeoutMs;
  let last: string | undefined = 'never checked';
  for (;;) {
    try {
      last = await check();
    } catch (err) {
      last = `read failed: ${err instanceof Error ? err.message : String(err)}`;
    }
    if (last === undefined) return;
    if (performance.now() > deadline) break;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  const extra = options.diagnostics?.() ?? '';
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\nlast difference: ${last}${extra === '' ? '' : `\n${extra}`}`);
}

/**
 * Fields of `want` that differ in `got` (deep equality per key), as `key: got X, want Y` lines.
 *   diff(got, want) = [k | k ∈ keys(want), JSON(got[k]) ≠ JSON(want[k])]
 */
export function diffFields(got: Readonly<Record<string, unknown>>, want: Readonly<Record<string, unknown>>): string | undefined {
  const lines: string[] = [];
  for (const [k, v] of Object.entries(want)) {
    if (v === undefined) continue;
    if (JSON.stringify(got[k]) !== JSON.stringify(v)) lines.push(`${k}: got ${JSON.stringify(got[k])}, want ${JSON.stringify(v)}`);
  }
  return lines.length === 0 ? undefined : `${lines.join('; ')}\n  observed: ${JSON.stringify(got)}`;
}
