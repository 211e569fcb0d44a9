/**
 * Decodes Kubernetes protobuf messages into the JSON object the API server would produce for them: message
 * fields by their json names, `bytes` as base64, `Time` as RFC 3339, `IntOrString` as a number or string,
 * `Quantity` as its string, `RawExtension`/`FieldsV1` as embedded JSON. Go's generated marshallers write
 * non-pointer scalars even when zero, so zero values of non-pointer fields are dropped (encoding/json
 * `omitempty`), as are empty lists, maps and nested messages that are not Go pointers. Go structs embedded with
 * `json:",inline"` (IngressRuleValue, VolumeSource, ProbeHandler) contribute their fields to the parent object.
 */
import type { FieldDescriptor } from './descriptor.js';
import { MESSAGES } from './descriptors.generated.js';
import type { WireField } from './wire.js';
import { decodeString, ProtobufError, readFields, WireType } from './wire.js';

type Obj = Record<string, unknown>;

function signed(v: bigint, bits: 32 | 64): number {
  return Number(BigInt.asIntN(bits, v));
}

function rfc3339(seconds: number, nanos: number): string {
  const iso = new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
  return nanos === 0 ? iso : iso.replace('Z', `.${String(nanos).padStart(9, '0').replace(/0+$/, '')}Z`);
}

/** Decoders for messages whose JSON form is not an object. */
const SPECIAL: Readonly<Record<string, (fields: WireField[]) => unknown>> = {
  'meta.Time': (f) => timeOf(f),
  'meta.MicroTime': (f) => timeOf(f),
  'intstr.IntOrString': (f) => {
    const type = f.find((x) => x.no === 1)?.varint ?? 0n;
    if (type === 1n) return decodeString(f.find((x) => x.no === 3)?.bytes ?? new Uint8Array());
    return signed(f.find((x) => x.no === 2)?.varint ?? 0n, 32);
  },
  'resource.Quantity': (f) => decodeString(f.find((x) => x.no === 1)?.bytes ?? new Uint8Array()),
  'runtime.RawExtension': (f) => embeddedJson(f.find((x) => x.no === 1)?.bytes),
  'meta.FieldsV1': (f) => embeddedJson(f.find((x) => x.no === 1)?.bytes),
  'meta.Duration': (f) => goDuration(f.find((x) => x.no === 1)?.varint ?? 0n),
};

function timeOf(f: WireField[]): string | undefined {
  const seconds = signed(f.find((x) => x.no === 1)?.varint ?? 0n, 64);
  const nanos = signed(f.find((x) => x.no === 2)?.varint ?? 0n, 32);
  return seconds === 0 && nanos === 0 ? undefined : rfc3339(seconds, nanos);
}

function embeddedJson(bytes: Uint8Array | undefined): unknown {
  if (!bytes || bytes.length === 0) return undefined;
  try {
    return JSON.parse(decodeString(bytes)) as unknown;
  } catch {
    throw new ProtobufError('proto: embedded raw object is not JSON');
  }
}

/** Go's time.Duration String() for whole and fractional seconds (`1h0m0s`, `1.5s`, `0s`). */
function goDuration(ns: bigint): string {
  let n = Number(BigInt.asIntN(64, ns));
  if (n === 0) return '0s';
  const sign = n < 0 ? '-' : '';
  n = Math.abs(n);
  const h = Math.floor(n / 3.6e12);
  const m = Math.floor((n % 3.6e12) / 6e10);
  const s = (n % 6e10) / 1e9;
  return `${sign}${h > 0 ? `${h}h` : ''}${h > 0 || m > 0 ? `${m}m` : ''}${s}s`;
}

function scalar(type: string, f: WireField): unknown {
  switch (type) {
    case 'string':
      return decodeString(f.bytes);
    case 'bytes':
      return Buffer.from(f.bytes).toString('base64');
    case 'bool':
      return f.varint !== 0n;
    case 'int32':
      return signed(f.varint, 32);
    case 'int64':
      return signed(f.varint, 64);
    case 'double':
      return new DataView(f.bytes.buffer, f.bytes.byteOffset, 8).getFloat64(0, true);
    case 'float':
      return new DataView(f.bytes.buffer, f.bytes.byteOffset, 4).getFloat32(0, true);
    default:
      return decodeMessage(type, f.bytes);
  }
}

function isZero(v: unknown): boolean {
  if (v === undefined || v === '' || v === 0 || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && v !== null && Object.keys(v).length === 0;
}

function decodeMapEntry(desc: FieldDescriptor, f: WireField): [string, unknown] {
  const entry = readFields(f.bytes);
  const key = entry.find((e) => e.no === 1);
  const value = entry.find((e) => e.no === 2);
  const keyText = key ? decodeString(key.bytes) : '';
  if (value) return [keyText, scalar(desc[1], value)];
  return [keyText, desc[1] === 'string' || desc[1] === 'bytes' ? '' : scalar(desc[1], { no: 2, wire: WireType.LengthDelimited, varint: 0n, bytes: new Uint8Array() })];
}

/** Decodes `bytes` as message `type` (a key of the generated descriptor table). */
export function decodeMessage(type: string, bytes: Uint8Array): unknown {
  const fields = readFields(bytes);
  const special = SPECIAL[type];
  if (special) return special(fields);
  const table = MESSAGES[type];
  if (!table) throw new ProtobufError(`proto: no descriptor for message ${type}`);
  const out: Obj = {};
  for (const f of fields) {
    const desc = table[f.no];
    if (!desc) continue;
    const [name, fieldType, flags = ''] = desc;
    if (flags.includes('m')) {
      const [k, v] = decodeMapEntry(desc, f);
      const map = (out[name] ?? {}) as Obj;
      map[k] = v;
      out[name] = map;
    } else if (flags.includes('r')) {
      if (f.wire === WireType.LengthDelimited && fieldType !== 'string' && fieldType !== 'bytes' && !MESSAGES[fieldType] && !SPECIAL[fieldType]) {
        // packed repeated scalars
        const packed = readPackedVarints(f.bytes).map((v) => scalar(fieldType, { no: f.no, wire: 0, varint: v, bytes: new Uint8Array() }));
        out[name] = [...((out[name] as unknown[] | undefined) ?? []), ...packed];
      } else {
        out[name] = [...((out[name] as unknown[] | undefined) ?? []), scalar(fieldType, f)];
      }
    } else if (flags.includes('i')) {
      Object.assign(out, scalar(fieldType, f));
    } else {
      out[name] = scalar(fieldType, f);
    }
  }
  for (const [no, [name, , flags = '']] of Object.entries(table)) {
    void no;
    if (!flags.includes('p') && isZero(out[name])) delete out[name];
    else if (out[name] === undefined) delete out[name];
  }
  return out;
}

function readPackedVarints(bytes: Uint8Array): bigint[] {
  const out: bigint[] = [];
  let cur = 0n;
  let shift = 0n;
  for (const b of bytes) {
    cur |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) {
      out.push(cur);
      cur = 0n;
      shift = 0n;
    } else shift += 7n;
  }
  return out;
}
