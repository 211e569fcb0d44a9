import { asServed } from './ops/object-meta.js';
import type { KubeObject, ResourceType } from './types.js';
import { apiVersionOf } from './types.js';

/**
 * JSON of stored objects, cached per object: stored objects are immutable, so a LIST or a watch fan-out
 * serialises each object once however many clients read it.
 */
const cache = new WeakMap<KubeObject, string>();

export function objectJson(t: ResourceType, stored: KubeObject): string {
  const served = asServed(t, stored);
  if (served !== stored) return JSON.stringify(served);
  let json = cache.get(stored);
  if (json === undefined) {
    json = JSON.stringify(stored);
    cache.set(stored, json);
  }
  return json;
}

/** `{"kind":"<Kind>List","apiVersion":…,"metadata":{"resourceVersion":…},"items":[…]}` built from cached items. */
export function listJson(t: ResourceType, items: KubeObject[], resourceVersion: string): string {
  const head = JSON.stringify({ kind: t.listKind, apiVersion: apiVersionOf(t), metadata: { resourceVersion } });
  return `${head.slice(0, -1)},"items":[${items.map((o) => objectJson(t, o)).join(',')}]}`;
}

/** One watch event line. */
export function eventLine(t: ResourceType, type: string, stored: KubeObject): string {
  return `{"type":"${type}","object":${objectJson(t, stored)}}\n`;
}
