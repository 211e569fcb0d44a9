// parity: k8s.io/apimachinery pkg/util/rand rand.go SafeEncodeString
//   each character c ↦ ALPHABET[codePoint(c) mod 27]; for decimal digits: 0→4 1→5 2→6 3→7 4→8 5→9 6→b 7→c 8→d 9→f
// The alphabet has no vowels and no confusable characters, so encoded hashes never spell words.

export const SAFE_ENCODE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** Upstream SafeEncodeString: maps every character of `s` into SAFE_ENCODE_ALPHABET. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const ch of s) {
    out += SAFE_ENCODE_ALPHABET[(ch.codePointAt(0) ?? 0) % SAFE_ENCODE_ALPHABET.length] ?? '';
  }
  return out;
}
