/**
 * Protocol-buffers wire format reader: varints (wire type 0), 64-bit (1), length-delimited (2) and 32-bit (5)
 * fields. Group wire types (3, 4) are not used by Kubernetes and are rejected.
 */
export class ProtobufError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtobufError';
  }
}

export const WireType = { Varint: 0, Fixed64: 1, LengthDelimited: 2, Fixed32: 5 } as const;

export interface WireField {
  no: number;
  wire: number;
  /** varint value (wire type 0) */
  varint: bigint;
  /** payload for wire types 1, 2 and 5 */
  bytes: Uint8Array;
}

function readVarint(buf: Uint8Array, pos: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (let i = pos; i < buf.length && shift < 70n; i++) {
    const b = buf[i] ?? 0;
    result |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) return [result, i + 1];
    shift += 7n;
  }
  throw new ProtobufError('proto: truncated varint');
}

/** Splits a message into its fields, in wire order. */
export function readFields(buf: Uint8Array): WireField[] {
  const fields: WireField[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [tag, afterTag] = readVarint(buf, pos);
    const no = Number(tag >> 3n);
    const wire = Number(tag & 7n);
    if (no === 0) throw new ProtobufError('proto: illegal field number 0');
    pos = afterTag;
    if (wire === WireType.Varint) {
      const [v, next] = readVarint(buf, pos);
      fields.push({ no, wire, varint: v, bytes: new Uint8Array() });
      pos = next;
    } else if (wire === WireType.LengthDelimited) {
      const [len, next] = readVarint(buf, pos);
      const end = next + Number(len);
      if (end > buf.length) throw new ProtobufError('proto: unexpected end of length-delimited field');
      fields.push({ no, wire, varint: 0n, bytes: buf.subarray(next, end) });
      pos = end;
    } else if (wire === WireType.Fixed64 || wire === WireType.Fixed32) {
      const size = wire === WireType.Fixed64 ? 8 : 4;
      if (pos + size > buf.length) throw new ProtobufError('proto: unexpected end of fixed-size field');
      fields.push({ no, wire, varint: 0n, bytes: buf.subarray(pos, pos + size) });
      pos += size;
    } else {
      throw new ProtobufError(`proto: unsupported wire type ${wire}`);
    }
  }
  return fields;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

export function decodeString(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}
