/**
 * Go's `json.Marshal` of a value `json.Unmarshal` decoded into `any` (maps, slices, float64, string, bool, nil):
 * object keys sorted by byte order, strings HTML-safe (`<` → `\u003c`, `>` → `\u003e`, `&` → `\u0026`, U+2028/9
 * escaped), numbers as float64 text (`-0` kept, exponent form below 1e-6 and from 1e21 like JS).
 * The Web provider's measurement `value` is this text of the selected JSON value.
 * parity: Go src/encoding/json/encode.go (mapEncoder sorts keys, floatEncoder, appendString with escapeHTML);
 *         argo-rollouts metricproviders/webmetric/webmetric.go getValue (json.Marshal of the JSONPath result)
 */
import { compareCodePoints, goJsonString } from '@serin/core';

/** float64 text as encoding/json writes it (JS number text matches Go's except for negative zero). */
const goFloat = (n: number): string => (Object.is(n, -0) ? '-0' : String(n));

/** `json.Marshal(v)` for a decoded JSON value; `undefined`/functions marshal as `null` (no such value survives JSON.parse). */
export function goJsonMarshalDecoded(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goJsonString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? goFloat(value) : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map((v: unknown) => goJsonMarshalDecoded(v)).join(',')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value).sort(compareCodePoints);
    const record = value as Record<string, unknown>;
    return `{${keys.map((k) => `${goJsonString(k)}:${goJsonMarshalDecoded(record[k])}`).join(',')}}`;
  }
  return 'null';
}
