import { randomUUID } from 'node:crypto';
import type { StatusCause } from '../errors.js';
import type { JsonObject, KubeObject, ResourceType } from '../types.js';
import { isRecord } from '../types.js';
import { hpaToV1 } from './hpa-conversion.js';

/** `TotalAnnotationSizeLimitB`: sum of key and value lengths over all annotations. */
export const ANNOTATION_SIZE_LIMIT = 262_144;

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function newUid(): string {
  return randomUUID();
}

/** `generateName` + 5 characters from upstream's consonant/digit alphabet. */
export function generateName(prefix: string): string {
  let out = prefix;
  for (let i = 0; i < 5; i++) out += SUFFIX_ALPHABET[Math.floor(Math.random() * SUFFIX_ALPHABET.length)] ?? 'x';
  return out;
}

/** Name causes: Namespaces need a DNS label, everything else a DNS subdomain (≤ 253 chars). */
export function validateName(t: ResourceType, name: string): StatusCause[] {
  if (t.group === 'rbac.authorization.k8s.io') return validatePathSegmentName(name);
  const isNamespace = t.group === '' && t.kind === 'Namespace';
  const ok = isNamespace ? LABEL.test(name) && name.length <= 63 : SUBDOMAIN.test(name) && name.length <= 253;
  if (ok) return [];
  const message = isNamespace
    ? `Invalid value: "${name}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`
    : `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`;
  return [{ reason: 'FieldValueInvalid', message, field: 'metadata.name' }];
}

/** RBAC objects only need a valid path segment (`system:controller:x` is fine). */
function validatePathSegmentName(name: string): StatusCause[] {
  let why = '';
  if (name === '.' || name === '..') why = `may not be '${name}'`;
  else if (name.includes('/')) why = "may not contain '/'";
  else if (name.includes('%')) why = "may not contain '%'";
  return why === '' ? [] : [{ reason: 'FieldValueInvalid', message: `Invalid value: "${name}": ${why}`, field: 'metadata.name' }];
}

const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/**
 * Label keys (`[prefix/]name`, name ≤ 63 of `[-A-Za-z0-9_.]` starting and ending alphanumeric, prefix a DNS
 * subdomain) and values (≤ 63, same alphabet, may be empty), with upstream's messages.
 * parity: apimachinery pkg/util/validation IsQualifiedName / IsValidLabelValue (messages)
 */
export function validateLabels(labels: Record<string, string> | undefined, field = 'metadata.labels'): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const [key, value] of Object.entries(labels ?? {})) {
    const slash = key.lastIndexOf('/');
    const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
    const name = slash >= 0 ? key.slice(slash + 1) : key;
    if (name.length > 63 || !LABEL_NAME.test(name) || (prefix !== undefined && (prefix.length > 253 || !SUBDOMAIN.test(prefix)))) {
      causes.push({
        reason: 'FieldValueInvalid',
        field,
        message: `Invalid value: "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
      });
    }
    const v = String(value);
    if (v.length > 63) {
      causes.push({ reason: 'FieldValueInvalid', field, message: `Invalid value: "${v}": must be no more than 63 characters` });
    } else if (!LABEL_VALUE.test(v)) {
      causes.push({
        reason: 'FieldValueInvalid',
        field,
        message: `Invalid value: "${v}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
      });
    }
  }
  return causes;
}

/** Total annotation bytes = Σ (len(key) + len(value)), UTF-8. */
export function annotationBytes(annotations: Record<string, string> | undefined): number {
  let total = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) total += Buffer.byteLength(k) + Buffer.byteLength(String(v));
  return total;
}

export function validateAnnotations(obj: KubeObject): StatusCause[] {
  if (annotationBytes(obj.metadata.annotations) <= ANNOTATION_SIZE_LIMIT) return [];
  return [{ reason: 'FieldValueTooLong', message: `Too long: may not be more than ${ANNOTATION_SIZE_LIMIT} bytes`, field: 'metadata.annotations' }];
}

/** Kinds whose metadata.generation the server maintains (custom resources always do). */
const GENERATION_KINDS = new Set(['apps/Deployment', 'apps/ReplicaSet', 'apps/StatefulSet', 'apps/DaemonSet', 'batch/CronJob', 'networking.k8s.io/Ingress', 'policy/PodDisruptionBudget', 'batch/Job', 'autoscaling/HorizontalPodAutoscaler', 'apiextensions.k8s.io/CustomResourceDefinition']);

export function tracksGeneration(t: ResourceType): boolean {
  return t.crd !== undefined || GENERATION_KINDS.has(`${t.group}/${t.kind}`);
}

/**
 * The part of an object whose change bumps generation: everything but metadata, and but status too when the
 * type has a status subresource.
 */
export function specPart(t: ResourceType, obj: KubeObject): JsonObject {
  const { metadata: _m, apiVersion: _a, kind: _k, ...rest } = obj;
  if (t.statusSubresource) delete rest['status'];
  return rest;
}

/** Structural equality of JSON values (key order ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  }
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** Equal apart from metadata.resourceVersion: a write that changes nothing is a no-op. */
export function sameObject(a: KubeObject, b: KubeObject): boolean {
  const { resourceVersion: _ra, ...ma } = a.metadata;
  const { resourceVersion: _rb, ...mb } = b.metadata;
  return deepEqual({ ...a, metadata: ma }, { ...b, metadata: mb });
}

/**
 * The stored object as the served version: autoscaling/v1 HorizontalPodAutoscalers are converted from their
 * v2 storage form; everything else has `apiVersion`/`kind` rewritten (conversion strategy None).
 */
export function asServed(t: ResourceType, obj: KubeObject): KubeObject {
  const apiVersion = t.group === '' ? t.version : `${t.group}/${t.version}`;
  if (isHpaV1(t) && obj.apiVersion !== apiVersion) return hpaToV1(obj);
  return obj.apiVersion === apiVersion && obj.kind === t.kind ? obj : { ...obj, apiVersion, kind: t.kind };
}

/** autoscaling/v1 HorizontalPodAutoscaler: served by conversion from the v2 storage version. */
export function isHpaV1(t: ResourceType): boolean {
  return t.group === 'autoscaling' && t.version === 'v1' && t.kind === 'HorizontalPodAutoscaler';
}

export function toKubeObject(body: unknown): KubeObject {
  const obj = isRecord(body) ? { ...body } : {};
  const metadata = isRecord(obj['metadata']) ? { ...obj['metadata'] } : {};
  return { ...obj, metadata };
}
