// parity: argo-rollouts utils/hash/hash.go ComputePodTemplateHash
//   bytes = GoJSON(template as corev1.PodTemplateSpec)
//   h     = FNV-1a-32(bytes)
//   if collisionCount is set: h = FNV-1a-32 continued over uint32LE(collisionCount) ++ 00 00 00 00
//   hash  = SafeEncode(decimal(h))
import type { V1PodTemplateSpec } from '@kubernetes/client-node';
import { fnv32a } from './fnv.js';
import { goJsonMarshal } from './go-json.js';
import { GO_ROOT } from './go-types.js';
import { safeEncodeString } from './safe-encode.js';

/** The exact bytes (as a string) Argo hashes for a pod template: Go json.Marshal of corev1.PodTemplateSpec. */
export function goJsonPodTemplate(template: V1PodTemplateSpec | Readonly<Record<string, unknown>>): string {
  return goJsonMarshal(template, GO_ROOT.podTemplateSpec);
}

/** The 8 bytes upstream appends for a collision count: int32 as uint32 little-endian, then 4 zero bytes. */
export function collisionCountBytes(collisionCount: number): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setUint32(0, collisionCount >>> 0, true);
  return bytes;
}

/** FNV-1a-32 of Go JSON, plus collision count bytes, safe-encoded. */
export function hashGoJson(goJson: string, collisionCount?: number | null): string {
  let h = fnv32a(goJson);
  if (collisionCount !== undefined && collisionCount !== null) h = fnv32a(collisionCountBytes(collisionCount), h);
  return safeEncodeString(String(h));
}

/**
 * Argo's `rollouts-pod-template-hash` for `spec.template` as stored (CRD defaults applied, nothing injected),
 * with `status.collisionCount` when set.
 */
export function computePodTemplateHash(
  template: V1PodTemplateSpec | Readonly<Record<string, unknown>>,
  collisionCount?: number | null,
): string {
  return hashGoJson(goJsonPodTemplate(template), collisionCount);
}
