/**
 * A small builder for `apiextensions.k8s.io/v1` structural schemas, typed against Serin's TS types:
 * `object<T>({...})` only compiles when its properties are exactly the keys of `T`, and its `required`
 * list only names keys `T` declares non-optional — so the CRD schema and the TS types cannot drift.
 */

/** The subset of `JSONSchemaProps` Serin's CRDs use. Key order here is irrelevant; output is key-sorted. */
export interface JSONSchemaProps {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  format?: string;
  description?: string;
  properties?: Record<string, JSONSchemaProps>;
  additionalProperties?: JSONSchemaProps;
  items?: JSONSchemaProps;
  required?: string[];
  anyOf?: JSONSchemaProps[];
  enum?: string[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  default?: string | number | boolean;
  'x-kubernetes-int-or-string'?: true;
  'x-kubernetes-preserve-unknown-fields'?: true;
  'x-kubernetes-list-type'?: 'atomic' | 'map' | 'set';
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: 'atomic' | 'granular';
  'x-kubernetes-validations'?: Array<{ rule: string; message: string }>;
}

/** Keys of `T` that are not optional. */
export type RequiredKeysOf<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T] & string;

/** Exactly one schema per key of `T` (optional keys included). */
export type PropertiesOf<T> = { [K in keyof T]-?: JSONSchemaProps };

/** `type: object` with exactly the properties of `T`; `required` may only name non-optional keys of `T`. */
export function object<T>(properties: PropertiesOf<T>, required?: ReadonlyArray<RequiredKeysOf<T>>): JSONSchemaProps {
  const schema: JSONSchemaProps = { type: 'object', properties: properties as Record<string, JSONSchemaProps> };
  if (required && required.length > 0) schema.required = [...required].sort();
  return schema;
}

export const string = (): JSONSchemaProps => ({ type: 'string' });
export const boolean = (): JSONSchemaProps => ({ type: 'boolean' });
export const int32 = (): JSONSchemaProps => ({ type: 'integer', format: 'int32' });
export const int64 = (): JSONSchemaProps => ({ type: 'integer', format: 'int64' });
export const dateTime = (): JSONSchemaProps => ({ type: 'string', format: 'date-time' });
export const intOrString = (): JSONSchemaProps => ({
  anyOf: [{ type: 'integer' }, { type: 'string' }],
  'x-kubernetes-int-or-string': true,
});
export const arrayOf = (items: JSONSchemaProps): JSONSchemaProps => ({ type: 'array', items });
export const stringMap = (): JSONSchemaProps => ({ type: 'object', additionalProperties: { type: 'string' } });
/** Arbitrary JSON object kept as sent (plugin configuration, JSON bodies). */
export const freeformObject = (): JSONSchemaProps => ({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true });

/** Recursively sorts object keys so generated YAML is stable and diff-friendly. */
export function sortKeysDeep<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => sortKeysDeep(v)) as T;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeysDeep(v)])) as T;
  }
  return value;
}
