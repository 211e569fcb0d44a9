/**
 * Kubernetes `field.Error` in TypeScript: a field path, an error type, the offending value and a detail.
 * `formatFieldError` renders `<field>: <Type>: <value>: <detail>` exactly like `field.Error.Error()`.
 * parity: k8s.io/apimachinery pkg/util/validation/field/errors.go
 */

export const FIELD_ERROR_TYPE = {
  Required: 'Required value',
  Invalid: 'Invalid value',
  NotSupported: 'Unsupported value',
  Forbidden: 'Forbidden',
  Internal: 'Internal error',
} as const;
export type FieldErrorType = (typeof FIELD_ERROR_TYPE)[keyof typeof FIELD_ERROR_TYPE];

export interface FieldError {
  /** Dotted path with indices, e.g. `spec.strategy.steps[1].setWeight`. */
  field: string;
  type: FieldErrorType;
  /** The detail text upstream attaches (the part a user reads). */
  message: string;
  /** The bad value already rendered the way Go prints it (`0`, `"svc"`, `map[string]string{…}`); absent when not shown. */
  value?: string;
}

/** Go `%q` for a string (JSON escaping matches it for printable text). */
export function goQuote(text: string): string {
  return JSON.stringify(text);
}

/**
 * Renders a bad value the way Go prints it where the two agree: numbers and booleans bare, strings quoted,
 * `null`/`undefined` as `null`; structs (which Go prints with `%#v`) are rendered as JSON instead.
 */
export function renderGoValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return goQuote(value);
  return JSON.stringify(value);
}

/** Go `%#v` of a `map[string]string`: keys sorted, `map[string]string{"k":"v", "k2":"v2"}`. */
export function renderGoStringMap(map: Readonly<Record<string, string>>): string {
  const body = Object.entries(map)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${goQuote(k)}:${goQuote(v)}`)
    .join(', ');
  return `map[string]string{${body}}`;
}

/** `field.Invalid(path, value, detail)`. */
export function invalid(field: string, value: unknown, message: string): FieldError {
  return { field, type: FIELD_ERROR_TYPE.Invalid, message, value: renderGoValue(value) };
}

/** `field.Invalid` for an int-or-string value, which Go prints through its `String()` (unquoted). */
export function invalidIntOrString(field: string, value: number | string | undefined, message: string): FieldError {
  return { field, type: FIELD_ERROR_TYPE.Invalid, message, value: value === undefined ? 'null' : String(value) };
}

/** `field.Invalid` whose bad value is a label map. */
export function invalidStringMap(field: string, map: Readonly<Record<string, string>>, message: string): FieldError {
  return { field, type: FIELD_ERROR_TYPE.Invalid, message, value: renderGoStringMap(map) };
}

/** `field.Required(path, detail)`. */
export function required(field: string, message: string): FieldError {
  return { field, type: FIELD_ERROR_TYPE.Required, message };
}

/** `field.Forbidden(path, detail)`. */
export function forbidden(field: string, message: string): FieldError {
  return { field, type: FIELD_ERROR_TYPE.Forbidden, message };
}

/** `field.InternalError(path, err)`. */
export function internal(field: string, message: string): FieldError {
  return { field, type: FIELD_ERROR_TYPE.Internal, message };
}

/** `field.NotSupported(path, value, supported)`: detail `supported values: "a", "b"`. */
export function notSupported(field: string, value: unknown, supported: readonly string[]): FieldError {
  return {
    field,
    type: FIELD_ERROR_TYPE.NotSupported,
    message: `supported values: ${supported.map(goQuote).join(', ')}`,
    value: renderGoValue(value),
  };
}

/**
 * `field.Error.Error()`: `<field>: <type>[: <value>][: <message>]`; Required, Forbidden and Internal never show the value.
 * Example: `spec.strategy.maxSurge: Invalid value: 0: MaxSurge and MaxUnavailable both can not be zero`.
 */
export function formatFieldError(error: FieldError): string {
  const showValue =
    error.value !== undefined &&
    error.type !== FIELD_ERROR_TYPE.Required &&
    error.type !== FIELD_ERROR_TYPE.Forbidden &&
    error.type !== FIELD_ERROR_TYPE.Internal;
  let text = `${error.field}: ${error.type}`;
  if (showValue) text += `: ${error.value}`;
  if (error.message !== '') text += `: ${error.message}`;
  return text;
}
