// FNV-1a, 32-bit. parity: Go hash/fnv New32a (offset basis 0x811c9dc5, prime 0x01000193)
//   h₀ = seed (default 0x811c9dc5);  hᵢ = (hᵢ₋₁ XOR byteᵢ) × 16777619 mod 2³²

export const FNV32_OFFSET_BASIS = 0x811c9dc5;
const FNV32_PRIME = 0x01000193;

/** FNV-1a 32 of `bytes` (a string is hashed as its UTF-8 bytes), continuing from `seed`. Unsigned result. */
export function fnv32a(bytes: Uint8Array | string, seed: number = FNV32_OFFSET_BASIS): number {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  let h = seed >>> 0;
  for (const b of data) {
    h = Math.imul(h ^ b, FNV32_PRIME) >>> 0;
  }
  return h;
}
