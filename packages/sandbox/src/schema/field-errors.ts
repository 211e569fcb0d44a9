/**
 * Field errors in the API server's wording: a cause is `{reason, message, field}` where `message` is the error
 * body (`Required value`, `Invalid value: "x": detail`, `Unsupported value: "x": supported values: "a", "b"`),
 * and `field: message` is how kubectl prints it.
 * parity: apimachinery pkg/util/validation/field/errors.go (ErrorBody), api/errors NewInvalid
 */
import type { StatusCause } from './types.js';

export const CauseReason = {
  Required: 'FieldValueRequired',
  Invalid: 'FieldValueInvalid',
  TypeInvalid: 'FieldValueTypeInvalid',
  NotSupported: 'FieldValueNotSupported',
  TooLong: 'FieldValueTooLong',
  TooMany: 'FieldValueTooMany',
} as const;

/** Go `%v` of a bad value inside `Invalid value: …`: strings quoted, numbers and booleans bare, others JSON. */
export function renderBadValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v ?? null);
}

export function required(field: string): StatusCause {
  return { reason: CauseReason.Required, message: 'Required value', field };
}

export function invalid(field: string, value: unknown, detail: string): StatusCause {
  return { reason: CauseReason.Invalid, message: `Invalid value: ${renderBadValue(value)}: ${detail}`, field };
}

export function typeInvalid(field: string, actualType: string, detail: string): StatusCause {
  return { reason: CauseReason.TypeInvalid, message: `Invalid value: ${renderBadValue(actualType)}: ${detail}`, field };
}

export function notSupported(field: string, value: unknown, supported: readonly unknown[]): StatusCause {
  const list = supported.map((s) => JSON.stringify(typeof s === 'string' ? s : JSON.stringify(s))).join(', ');
  return { reason: CauseReason.NotSupported, message: `Unsupported value: ${renderBadValue(value)}: supported values: ${list}`, field };
}

export function tooLong(field: string, max: number): StatusCause {
  return { reason: CauseReason.TooLong, message: `Too long: may not be more than ${max} ${max === 1 ? 'byte' : 'bytes'}`, field };
}

export function tooMany(field: string, actual: number, max: number): StatusCause {
  return { reason: CauseReason.TooMany, message: `Too many: ${actual}: must have at most ${max} ${max === 1 ? 'item' : 'items'}`, field };
}

/**
 * `Status.message` of a 422 Invalid: `<Kind>.<group> "<name>" is invalid: <field>: <message>`, several causes
 * as `[a, b]`.
 */
export function invalidStatusMessage(kind: string, group: string, name: string, causes: readonly StatusCause[]): string {
  const qualified = group === '' ? kind : `${kind}.${group}`;
  const parts = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
  const body = parts.length === 1 ? (parts[0] ?? '') : `[${parts.join(', ')}]`;
  return `${qualified} ${JSON.stringify(name)} is invalid: ${body}`;
}

/**
 * `Status.message` of a 400 for unknown fields under fieldValidation=Strict:
 * `Rollout in version "v1alpha1" cannot be handled as a Rollout: strict decoding error: unknown field "spec.foo"`.
 */
export function strictDecodingMessage(kind: string, version: string, unknownFields: readonly string[]): string {
  const errs = unknownFields.map((f) => `unknown field ${JSON.stringify(f)}`).join(', ');
  return `${kind} in version ${JSON.stringify(version)} cannot be handled as a ${kind}: strict decoding error: ${errs}`;
}
