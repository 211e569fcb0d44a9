/**
 * Strategic-merge failures mapped to the API server's answers: malformed directives → 400 BadRequest, lists of
 * lists → 422 with the generic message, anything else is an untyped Go error → 500 `Internal error occurred: …`.
 * parity: apimachinery pkg/util/mergepatch/errors.go, apiserver handlers/patch.go interpretStrategicMergePatchError
 */
import { JSON_PATCH_STATUS_MESSAGE, PatchError } from '../errors.js';
import { isJsonObject } from '../json-value.js';

export const SMP_MESSAGES = {
  badRetainKeys: 'invalid patch format of retainKeys',
  badSetElementOrder: 'invalid patch format of setElementOrder list',
  badPrimitiveList: 'invalid patch format of primitive list',
  noListOfLists: 'lists of lists are not supported',
  listMergeDirective: 'merging lists cannot yet be specified in the patch',
} as const;

export function badRequest(message: string): PatchError {
  return new PatchError(message, { code: 400, reason: 'BadRequest' });
}

export function unprocessable(message: string): PatchError {
  return new PatchError(message, { code: 422, reason: 'Invalid', statusMessage: JSON_PATCH_STATUS_MESSAGE });
}

export function internal(message: string): PatchError {
  return new PatchError(message, { code: 500, reason: 'InternalError', statusMessage: `Internal error occurred: ${message}` });
}

/** Go's `%v` rendering of a decoded JSON value (maps with sorted keys), used inside upstream messages. */
export function goFormat(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goFormat).join(' ')}]`;
  if (isJsonObject(v)) {
    const keys = Object.keys(v).sort();
    return `map[${keys.map((k) => `${k}:${goFormat(v[k])}`).join(' ')}]`;
  }
  return String(v);
}

export function noMergeKey(item: Record<string, unknown>, key: string): PatchError {
  return internal(`map: ${goFormat(item)} does not contain declared merge key: ${key}`);
}
