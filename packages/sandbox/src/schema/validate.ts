/**
 * Schema validation of a (pruned, defaulted) custom resource, with kube-openapi's messages wrapped into field
 * errors as apiextensions does: type mismatches →
 * `Invalid value: "string": spec.replicas in body must be of type integer: "string"`, missing required →
 * `Required value`, enum → `Unsupported value: …`, bounds/length/pattern/items → `Invalid value: …`,
 * maxLength → `Too long: …`, maxItems → `Too many: …`. `metadata`, `apiVersion` and `kind` at the root (and in
 * embedded resources) are left to the server's ObjectMeta validation.
 * Not validated: allOf/anyOf/oneOf/not, uniqueItems, CEL rules, list-map key uniqueness.
 * parity: kube-openapi pkg/validation/errors/schema.go (texts), apiextensions-apiserver validation (mapping)
 */
import { invalid, notSupported, required, tooLong, tooMany, typeInvalid } from './field-errors.js';
import { child, index, isObject } from './paths.js';
import type { JSONSchemaPropsLike, StatusCause } from './types.js';

/** JSON type name of a decoded value as kube-openapi reports it (integers are `integer`). */
export function jsonTypeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'object') return 'object';
  return typeof v;
}

function typeMatches(expected: string, actual: string): boolean {
  return expected === actual || (expected === 'number' && actual === 'integer');
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const FORMATS: Readonly<Record<string, (s: string) => boolean>> = {
  'date-time': (s) => RFC3339.test(s),
  date: (s) => /^\d{4}-\d{2}-\d{2}$/.test(s),
  uuid: (s) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s),
  byte: (s) => /^[A-Za-z0-9+/]*={0,2}$/.test(s) && s.length % 4 === 0,
  ipv4: (s) => /^(\d{1,3})(\.\d{1,3}){3}$/.test(s) && s.split('.').every((p) => Number(p) <= 255),
};

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b) || (isObject(a) && isObject(b) && Object.keys(a).length === Object.keys(b).length && Object.keys(a).every((k) => deepEqual(a[k], b[k])));
}

function validateScalar(v: unknown, s: JSONSchemaPropsLike, path: string, out: StatusCause[]): void {
  if (typeof v === 'number') {
    if (s.minimum !== undefined && (s.exclusiveMinimum ? v <= s.minimum : v < s.minimum)) {
      out.push(invalid(path, v, `${path} in body should be greater than ${s.exclusiveMinimum ? '' : 'or equal to '}${s.minimum}`));
    }
    if (s.maximum !== undefined && (s.exclusiveMaximum ? v >= s.maximum : v > s.maximum)) {
      out.push(invalid(path, v, `${path} in body should be less than ${s.exclusiveMaximum ? '' : 'or equal to '}${s.maximum}`));
    }
    if (s.multipleOf !== undefined && s.multipleOf > 0 && !Number.isInteger(v / s.multipleOf)) {
      out.push(invalid(path, v, `${path} in body should be a multiple of ${s.multipleOf}`));
    }
  }
  if (typeof v === 'string') {
    const length = [...v].length;
    if (s.maxLength !== undefined && length > s.maxLength) out.push(tooLong(path, s.maxLength));
    if (s.minLength !== undefined && length < s.minLength) {
      out.push(invalid(path, v, `${path} in body should be at least ${s.minLength} chars long`));
    }
    if (s.pattern !== undefined && !new RegExp(s.pattern, 'u').test(v)) {
      out.push(invalid(path, v, `${path} in body should match '${s.pattern}'`));
    }
    const check = s.format ? FORMATS[s.format] : undefined;
    if (check && !check(v)) out.push(invalid(path, v, `${path} in body must be of type ${s.format}: ${JSON.stringify(v)}`));
  }
}

function validateNode(v: unknown, s: JSONSchemaPropsLike, path: string, out: StatusCause[], embedded: boolean): void {
  if (v === null && s.nullable === true) return;
  const actual = jsonTypeOf(v);
  const intOrString = s['x-kubernetes-int-or-string'] === true;
  if (intOrString) {
    if (actual !== 'integer' && actual !== 'string') {
      out.push(typeInvalid(path, actual, `${path} in body must be of type integer,string: ${JSON.stringify(actual)}`));
      return;
    }
  } else if (s.type && !typeMatches(s.type, actual)) {
    out.push(typeInvalid(path, actual, `${path} in body must be of type ${s.type}: ${JSON.stringify(actual)}`));
    return;
  }
  if (s.enum && !s.enum.some((e) => deepEqual(e, v))) {
    out.push(notSupported(path, v, s.enum));
  }
  if (Array.isArray(v)) {
    if (s.maxItems !== undefined && v.length > s.maxItems) out.push(tooMany(path, v.length, s.maxItems));
    if (s.minItems !== undefined && v.length < s.minItems) {
      out.push(invalid(path, v.length, `${path} in body should have at least ${s.minItems} items`));
    }
    const items = s.items;
    if (items) v.forEach((item, i) => validateNode(item, items, index(path, i), out, items['x-kubernetes-embedded-resource'] === true));
    return;
  }
  if (isObject(v)) {
    validateObject(v, s, path, out, embedded);
    return;
  }
  validateScalar(v, s, path, out);
}

function validateObject(v: Record<string, unknown>, s: JSONSchemaPropsLike, path: string, out: StatusCause[], embedded: boolean): void {
  const keys = Object.keys(v).length;
  if (s.maxProperties !== undefined && keys > s.maxProperties) {
    out.push(invalid(path, keys, `${path} in body should have at most ${s.maxProperties} properties`));
  }
  if (s.minProperties !== undefined && keys < s.minProperties) {
    out.push(invalid(path, keys, `${path} in body should have at least ${s.minProperties} properties`));
  }
  for (const name of s.required ?? []) {
    if (v[name] === undefined && !(embedded && name === 'metadata')) out.push(required(child(path, name)));
  }
  const additional = isObject(s.additionalProperties) ? (s.additionalProperties as JSONSchemaPropsLike) : undefined;
  for (const [key, value] of Object.entries(v)) {
    if (value === undefined) continue;
    if (embedded && (key === 'metadata' || key === 'apiVersion' || key === 'kind')) continue;
    const sub = s.properties?.[key] ?? additional;
    if (sub) validateNode(value, sub, child(path, key), out, sub['x-kubernetes-embedded-resource'] === true);
  }
}

/** Validates the whole object against the root schema; causes in document order. */
export function validateAgainstSchema(obj: unknown, schema: JSONSchemaPropsLike): StatusCause[] {
  const out: StatusCause[] = [];
  validateNode(obj, schema, '', out, true);
  return out;
}
