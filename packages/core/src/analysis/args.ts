/**
 * Argument handling for AnalysisRuns: `{{args.x}}` substitution into metrics, template/rollout argument merging.
 * parity: argo-rollouts utils/template/template.go (ResolveArgs, ResolveQuotedArgs — fasttemplate semantics),
 *         utils/analysis/helpers.go (MergeArgs, ResolveArgs, flattenArgs), utils/analysis/factory.go ResolveMetricArgs
 */
import type { Argument, Metric } from '@serin/api';

const OPEN = '{{';
const CLOSE = '}}';

/** Either a value or upstream's error text. */
export type Resolved<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const ok = <T>(value: T): Resolved<T> => ({ ok: true, value });
const fail = <T>(error: string): Resolved<T> => ({ ok: false, error });

/**
 * Replace every `{{tag}}` in `template` with `values[trim(tag)]`. An unknown tag becomes `''` and the result is the
 * error `failed to resolve {{<tag>}}` (the raw, untrimmed tag; the last unknown tag wins, as fasttemplate's callback).
 * A `{{` without a closing `}}` is fasttemplate's parse error.
 */
export function substituteTags(template: string, values: ReadonlyMap<string, string>): Resolved<string> {
  let out = '';
  let rest = template;
  let unresolved: string | undefined;
  for (;;) {
    const open = rest.indexOf(OPEN);
    if (open < 0) break;
    const afterOpen = rest.slice(open + OPEN.length);
    const close = afterOpen.indexOf(CLOSE);
    if (close < 0) {
      return fail(`Cannot find end tag="${CLOSE}" in the template="${template}" starting from "${afterOpen}"`);
    }
    const tag = afterOpen.slice(0, close);
    out += rest.slice(0, open);
    const value = values.get(tag.trim());
    if (value === undefined) unresolved = `failed to resolve {{${tag}}}`;
    else out += value;
    rest = afterOpen.slice(close + CLOSE.length);
  }
  out += rest;
  return unresolved === undefined ? ok(out) : fail(unresolved);
}

/** `args.<name>` → value; every argument must carry a value (`argument "<name>" was not supplied`). */
function argValues(args: readonly Argument[], quote: boolean): Resolved<Map<string, string>> {
  const values = new Map<string, string>();
  for (const arg of args) {
    if (arg.value === undefined) return fail(`argument "${arg.name}" was not supplied`);
    // JSON-escape without the surrounding quotes, so values can sit inside JSON strings
    values.set(`args.${arg.name}`, quote ? JSON.stringify(arg.value).slice(1, -1) : arg.value);
  }
  return ok(values);
}

/** Substitute `{{args.x}}` / `{{ args.x }}` in plain text. */
export function resolveArgs(template: string, args: readonly Argument[]): Resolved<string> {
  const values = argValues(args, false);
  return values.ok ? substituteTags(template, values.value) : values;
}

/**
 * A metric with its `{{args.x}}` tags resolved in every string field: the metric is JSON-encoded, tags replaced with
 * JSON-escaped values, and decoded again.
 */
export function resolveMetricArgs(metric: Metric, args: readonly Argument[]): Resolved<Metric> {
  const values = argValues(args, true);
  if (!values.ok) return values;
  const text = substituteTags(JSON.stringify(metric), values.value);
  if (!text.ok) return text;
  try {
    return ok(JSON.parse(text.value) as Metric);
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
}

/**
 * Metrics resolved with placeholder values for secret arguments (`temp-for-secret`), as used for validation,
 * scheduling and garbage collection, where secret values are never needed.
 */
export function resolveMetricsWithoutSecrets(metrics: readonly Metric[], args: readonly Argument[] = []): Resolved<Metric[]> {
  const placeholders = args.map((arg): Argument =>
    arg.valueFrom?.secretKeyRef !== undefined ? { name: arg.name, value: 'temp-for-secret' } : structuredClone(arg),
  );
  const out: Metric[] = [];
  for (const metric of metrics) {
    const resolved = resolveMetricArgs(metric, placeholders);
    if (!resolved.ok) return resolved;
    out.push(resolved.value);
  }
  return ok(out);
}

/** Every argument has a value or a valueFrom (`args.<name> was not resolved`). */
export function checkArgsResolved(args: readonly Argument[]): string | undefined {
  const missing = args.find((arg) => arg.value === undefined && arg.valueFrom === undefined);
  return missing === undefined ? undefined : `args.${missing.name} was not resolved`;
}

/**
 * `MergeArgs`: the template's declared arguments, each overridden by an incoming argument of the same name
 * (its `value` if set, else its `valueFrom`); incoming arguments the template does not declare are dropped.
 */
export function mergeArgs(incoming: readonly Argument[], templateArgs: readonly Argument[]): Resolved<Argument[]> {
  const merged = templateArgs.map((arg) => structuredClone(arg));
  for (const arg of incoming) {
    const target = merged.find((m) => m.name === arg.name);
    if (target === undefined) continue;
    if (arg.value !== undefined) target.value = arg.value;
    else if (arg.valueFrom !== undefined) target.valueFrom = structuredClone(arg.valueFrom);
  }
  const error = checkArgsResolved(merged);
  return error === undefined ? ok(merged) : fail(error);
}

/**
 * Arguments of several templates combined: first declaration wins its position; a later one with a value fills an
 * earlier one without; two different values are an error.
 */
export function flattenArgs(argLists: ReadonlyArray<readonly Argument[]>): Resolved<Argument[]> {
  const combined: Argument[] = [];
  for (const args of argLists) {
    for (const arg of args) {
      const i = combined.findIndex((prev) => prev.name === arg.name);
      const prev = i < 0 ? undefined : combined[i];
      if (prev === undefined) {
        combined.push(structuredClone(arg));
        continue;
      }
      if (prev.value !== undefined && arg.value !== undefined && prev.value !== arg.value) {
        return fail(`Argument \`${prev.name}\` specified multiple times with different values: '${prev.value}', '${arg.value}'`);
      }
      if (prev.value === undefined) combined[i] = structuredClone(arg);
    }
  }
  return ok(combined);
}
