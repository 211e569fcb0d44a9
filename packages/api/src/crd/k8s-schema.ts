/**
 * Structural schemas for the Kubernetes types Argo's CRDs embed (PodTemplateSpec, JobSpec, LabelSelector),
 * derived from Kubernetes model metadata plus the facts that metadata lacks (list types, defaults, pruning
 * spots) in `k8s-overlay.ts`. Pure: the model registry is passed in.
 */
import type { JSONSchemaProps } from './schema.js';
import { K8S_OVERLAY, type AttributeOverlay } from './k8s-overlay.js';

export interface ModelAttribute {
  /** JSON field name. */
  name: string;
  /** client-node type text: `string`, `number`, `boolean`, `Date`, `IntOrString`, `V1Foo`, `Array<…>`, `{ [key: string]: string; }`. */
  type: string;
  format: string;
  required: boolean;
}
export type ModelRegistry = Record<string, ModelAttribute[]>;

function scalarSchema(type: string, format: string): JSONSchemaProps | undefined {
  switch (type) {
    case 'string':
      return { type: 'string' };
    case 'boolean':
      return { type: 'boolean' };
    case 'Date':
      return { type: 'string', format: 'date-time' };
    case 'number':
      return format === 'int32' || format === 'int64' ? { type: 'integer', format } : { type: 'number', format: 'double' };
    case 'IntOrString':
      return { anyOf: [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true };
    case 'any':
      return { 'x-kubernetes-preserve-unknown-fields': true };
    default:
      return undefined;
  }
}

/** Schema of a client-node type expression. `owner.attr` is used to look up overlays for list/map items. */
function typeSchema(registry: ModelRegistry, type: string, format: string, seen: readonly string[]): JSONSchemaProps {
  const scalar = scalarSchema(type, format);
  if (scalar) return scalar;
  const array = /^Array<(.+)>$/.exec(type);
  if (array) return { type: 'array', items: typeSchema(registry, array[1] ?? '', format, seen) };
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) return { type: 'object', additionalProperties: typeSchema(registry, map[1] ?? '', format, seen) };
  return modelSchema(registry, type, seen);
}

function applyOverlay(schema: JSONSchemaProps, overlay: AttributeOverlay | undefined): JSONSchemaProps {
  if (!overlay) return schema;
  if (overlay.replace) return structuredClone(overlay.replace);
  const result: JSONSchemaProps = { ...schema, ...overlay.merge };
  if (overlay.items && result.items) result.items = { ...result.items, ...overlay.items };
  if (overlay.values && result.additionalProperties) result.additionalProperties = structuredClone(overlay.values);
  if (overlay.properties && result.properties) {
    result.properties = { ...result.properties, ...structuredClone(overlay.properties) };
  }
  return result;
}

/**
 * `type: object` schema of a Kubernetes model: every attribute, `required` from the model, overlays applied
 * per `Model.attribute`. Recursive models (none in PodSpec/JobSpec) are cut off as preserve-unknown objects.
 */
export function modelSchema(registry: ModelRegistry, model: string, seen: readonly string[] = []): JSONSchemaProps {
  const attributes = registry[model];
  if (!attributes) throw new Error(`unknown Kubernetes model ${model}`);
  if (seen.includes(model)) return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  const path = [...seen, model];
  const properties: Record<string, JSONSchemaProps> = {};
  for (const attribute of attributes) {
    const overlay = K8S_OVERLAY.attributes[`${model}.${attribute.name}`];
    properties[attribute.name] = applyOverlay(typeSchema(registry, attribute.type, attribute.format, path), overlay);
  }
  const schema: JSONSchemaProps = { type: 'object', properties };
  const required = attributes.filter((a) => a.required).map((a) => a.name).sort();
  if (required.length > 0) schema.required = required;
  return { ...schema, ...K8S_OVERLAY.models[model] };
}
