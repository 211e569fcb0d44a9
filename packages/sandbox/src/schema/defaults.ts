/**
 * Structural defaulting: top-down, a missing property with a `default` gets a copy of it (as does a `null`
 * property that is not `nullable`), then defaulting continues inside every present value — through
 * properties, `additionalProperties` values and array items — so defaults nested inside a defaulted object or
 * inside list elements apply too.
 * parity: apiextensions-apiserver pkg/apiserver/schema/defaulting (behaviour)
 */
import { isObject } from './paths.js';
import type { JSONSchemaPropsLike } from './types.js';

export function applyDefaults(value: unknown, schema: JSONSchemaPropsLike | undefined): void {
  if (schema === undefined) return;
  if (Array.isArray(value)) {
    for (const item of value) applyDefaults(item, schema.items);
    return;
  }
  if (!isObject(value)) return;
  for (const [key, sub] of Object.entries(schema.properties ?? {})) {
    if (sub.default === undefined) continue;
    const current = value[key];
    if (current === undefined || (current === null && sub.nullable !== true)) value[key] = structuredClone(sub.default);
  }
  const additional = isObject(schema.additionalProperties) ? (schema.additionalProperties as JSONSchemaPropsLike) : undefined;
  for (const [key, v] of Object.entries(value)) {
    applyDefaults(v, schema.properties?.[key] ?? additional);
  }
}
