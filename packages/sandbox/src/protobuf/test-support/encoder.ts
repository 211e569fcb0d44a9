/** Test-only protobuf writer: just enough to hand-encode Kubernetes messages. */
export type Field = [no: number, value: string | number | bigint | boolean | Uint8Array | Field[]];

function varint(n: bigint): number[] {
  let v = BigInt.asUintN(64, n);
  const out: number[] = [];
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) b |= 0x80;
    out.push(b);
  } while (v > 0n);
  return out;
}

export function encode(fields: Field[]): Uint8Array {
  const out: number[] = [];
  for (const [no, value] of fields) {
    if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
      out.push(...varint(BigInt(no) << 3n), ...varint(BigInt(typeof value === 'boolean' ? Number(value) : value)));
      continue;
    }
    const bytes = typeof value === 'string' ? new TextEncoder().encode(value) : value instanceof Uint8Array ? value : encode(value);
    out.push(...varint((BigInt(no) << 3n) | 2n), ...varint(BigInt(bytes.length)), ...bytes);
  }
  return Uint8Array.from(out);
}

/** `k8s\0` + runtime.Unknown{typeMeta, raw}. */
export function envelope(apiVersion: string, kind: string, object: Field[]): Uint8Array {
  const body = encode([
    [1, [[1, apiVersion], [2, kind]]],
    [2, encode(object)],
  ]);
  return Uint8Array.from([0x6b, 0x38, 0x73, 0x00, ...body]);
}

export const mapEntry = (key: string, value: string | Uint8Array | Field[]): Field[] => [[1, key], [2, value]];
