// Go encoding/json of a typed Kubernetes/Argo object, as produced after the controller decodes the
// stored JSON into Go structs and marshals it again.
// parity: Go src/encoding/json/encode.go; argo-rollouts utils/hash/hash.go (json.Marshal of the template)
//
// Rules (the Go decode → encode round trip):
//  * struct fields in Go declaration order (GO_STRUCTS), unknown input keys dropped;
//  * an absent or null field decodes to its Go zero value: "" / 0 / false / nil pointer, slice or map,
//    or a zero struct (printed in full, since a struct is never "empty");
//  * `omitempty` drops false, 0, "", nil pointers and nil-or-empty slices and maps — never structs
//    (so a non-pointer struct such as Container.resources prints as `{}` when unset);
//  * `omitzero` drops a zero value (metav1.Time: creationTimestamp is omitted when unset);
//  * without omitempty a nil slice/map/pointer prints `null`, an empty one `[]`/`{}`;
//  * map keys sorted by byte order; strings HTML-escaped (go-json-text.ts);
//  * quantities canonical (quantity.ts), IntOrString as a number or a string, Time as RFC 3339 UTC.
import { compareCodePoints, goJsonString, goRawJson } from './go-json-text.js';
import { GO_STRUCTS } from './go-types.generated.js';
import type { GoStructTable } from './go-types.js';
import { goQuantityString } from './quantity.js';

export class GoJsonError extends Error {
  constructor(path: string, message: string) {
    super(`json: cannot unmarshal ${message} at ${path === '' ? '<root>' : path}`);
    this.name = 'GoJsonError';
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Go time.Time zero instant, which metav1.Time prints as null and omitzero drops. */
const ZERO_TIME = '0001-01-01T00:00:00Z';

function goTime(v: unknown, path: string, fractionDigits: 0 | 6): string {
  if (v === null || v === undefined || v === '') return 'null';
  // @kubernetes/client-node's ObjectSerializer turns date-time fields into Date objects.
  if (typeof v !== 'string' && !(v instanceof Date)) throw new GoJsonError(path, `${typeof v} into Go value of type metav1.Time`);
  const ms = typeof v === 'string' ? Date.parse(v) : v.getTime();
  if (Number.isNaN(ms)) throw new GoJsonError(path, `invalid RFC 3339 time ${JSON.stringify(v)}`);
  const iso = new Date(ms).toISOString(); // always UTC, millisecond precision
  if (iso === '0001-01-01T00:00:00.000Z') return 'null';
  const base = iso.slice(0, 19);
  return fractionDigits === 0 ? `"${base}Z"` : `"${base}.${iso.slice(20, 23)}000Z"`;
}

function isEmptyValue(v: unknown, type: string): boolean {
  if (type.startsWith('*')) return v === null || v === undefined;
  if (type.startsWith('[]')) return v === null || v === undefined || (Array.isArray(v) && v.length === 0);
  if (type.startsWith('map[]')) return v === null || v === undefined || (isRecord(v) && Object.keys(v).length === 0);
  switch (type) {
    case 'string':
    case 'bytes':
      return v === null || v === undefined || v === '';
    case 'bool':
      return v !== true;
    case 'int':
    case 'float':
      return v === null || v === undefined || v === 0;
    case 'rawJson':
      return v === undefined; // a RawMessage decoded from `null` holds the 4 bytes "null"
    default:
      return false; // structs, Quantity, IntOrString, Time are structs in Go: never empty
  }
}

function isZeroValue(v: unknown, type: string, table: GoStructTable): boolean {
  if (type === 'time' || type === 'microTime') return goTime(v, '', 0) === 'null';
  if (type === 'quantity') return v === null || v === undefined || goQuantityString(typeof v === 'number' ? v : String(v)) === '0';
  if (type === 'intOrString') return v === null || v === undefined || v === 0;
  const fields = table[type];
  if (fields !== undefined) {
    if (v === null || v === undefined) return true;
    return isRecord(v) && fields.every(([json, t]) => isZeroValue(v[json], t, table));
  }
  return isEmptyValue(v, type);
}

class Encoder {
  constructor(private readonly table: GoStructTable) {}

  encode(v: unknown, type: string, path: string): string {
    if (type.startsWith('*')) return v === null || v === undefined ? 'null' : this.encode(v, type.slice(1), path);
    if (type.startsWith('[]')) return this.slice(v, type.slice(2), path);
    if (type.startsWith('map[]')) return this.map(v, type.slice(5), path);
    switch (type) {
      case 'string':
      case 'bytes':
        if (v === null || v === undefined) return type === 'bytes' ? 'null' : '""';
        if (typeof v !== 'string') throw new GoJsonError(path, `${typeof v} into Go value of type string`);
        return goJsonString(v);
      case 'bool':
        if (v === null || v === undefined) return 'false';
        if (typeof v !== 'boolean') throw new GoJsonError(path, `${typeof v} into Go value of type bool`);
        return v ? 'true' : 'false';
      case 'int':
        if (v === null || v === undefined) return '0';
        if (typeof v !== 'number' || !Number.isInteger(v)) throw new GoJsonError(path, `${JSON.stringify(v)} into Go integer`);
        return String(v);
      case 'float':
        if (v === null || v === undefined) return '0';
        if (typeof v !== 'number') throw new GoJsonError(path, `${typeof v} into Go float`);
        return goRawJson(v);
      case 'quantity':
        if (v === null || v === undefined) return '"0"';
        if (typeof v !== 'string' && typeof v !== 'number') throw new GoJsonError(path, `${typeof v} into resource.Quantity`);
        return goJsonString(goQuantityString(v));
      case 'intOrString':
        if (v === null || v === undefined) return '0';
        if (typeof v === 'string') return goJsonString(v);
        if (typeof v === 'number' && Number.isInteger(v)) return String(v);
        throw new GoJsonError(path, `${JSON.stringify(v)} into intstr.IntOrString`);
      case 'time':
        return goTime(v, path, 0);
      case 'microTime':
        return goTime(v, path, 6);
      case 'duration':
        if (v === null || v === undefined) return '"0s"';
        if (typeof v !== 'string') throw new GoJsonError(path, `${typeof v} into metav1.Duration`);
        return goJsonString(v);
      case 'rawJson':
        return goRawJson(v);
      default:
        return this.struct(v, type, path);
    }
  }

  private slice(v: unknown, elem: string, path: string): string {
    if (v === null || v === undefined) return 'null';
    if (!Array.isArray(v)) throw new GoJsonError(path, `${typeof v} into Go slice`);
    return `[${v.map((item: unknown, i) => this.encode(item, elem, `${path}[${String(i)}]`)).join(',')}]`;
  }

  private map(v: unknown, elem: string, path: string): string {
    if (v === null || v === undefined) return 'null';
    if (!isRecord(v)) throw new GoJsonError(path, `${typeof v} into Go map`);
    const keys = Object.keys(v).sort(compareCodePoints);
    return `{${keys.map((k) => `${goJsonString(k)}:${this.encode(v[k], elem, `${path}.${k}`)}`).join(',')}}`;
  }

  private struct(v: unknown, type: string, path: string): string {
    const fields = this.table[type];
    if (fields === undefined) throw new GoJsonError(path, `unknown Go type ${type}`);
    if (v !== null && v !== undefined && !isRecord(v)) throw new GoJsonError(path, `${typeof v} into Go struct ${type}`);
    const obj: Record<string, unknown> = v ?? {};
    const parts: string[] = [];
    for (const [json, fieldType, omitEmpty, omitZero] of fields) {
      const fv = Object.hasOwn(obj, json) ? obj[json] : undefined;
      if (omitEmpty && isEmptyValue(fv, fieldType)) continue;
      if (omitZero && isZeroValue(fv, fieldType, this.table)) continue;
      parts.push(`${goJsonString(json)}:${this.encode(fv, fieldType, path === '' ? json : `${path}.${json}`)}`);
    }
    return `{${parts.join(',')}}`;
  }
}

/**
 * Go json.Marshal of `value` decoded as Go type `type` (grammar in go-types.ts), e.g.
 * `goJsonMarshal(template, 'core/v1.PodTemplateSpec')`. Throws GoJsonError where Go's decoder would fail.
 */
export function goJsonMarshal(value: unknown, type: string, table: GoStructTable = GO_STRUCTS): string {
  return new Encoder(table).encode(value, type, '');
}
