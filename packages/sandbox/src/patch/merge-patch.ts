/**
 * RFC 7386 JSON merge patch: an object patch merges key by key (`null` deletes the key, nested objects merge
 * recursively); any other patch value (array, scalar, null) replaces the target wholesale.
 * parity: evanphx/json-patch merge.go (as used by the API server for application/merge-patch+json)
 */
import { cloneJson, isJsonObject } from './json-value.js';

export function applyMergePatch(doc: unknown, patch: unknown): unknown {
  if (!isJsonObject(patch)) return cloneJson(patch);
  const out: Record<string, unknown> = isJsonObject(doc) ? cloneJson(doc) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete out[key];
    } else {
      out[key] = applyMergePatch(out[key], value);
    }
  }
  return out;
}
