import type { JsonObject, ResourceType } from './types.js';
import { qualifiedResource } from './types.js';

/** `metav1.Status` reasons used by the sandbox, spelled as upstream. */
export const StatusReason = {
  NotFound: 'NotFound',
  AlreadyExists: 'AlreadyExists',
  Conflict: 'Conflict',
  Invalid: 'Invalid',
  BadRequest: 'BadRequest',
  Forbidden: 'Forbidden',
  MethodNotAllowed: 'MethodNotAllowed',
  UnsupportedMediaType: 'UnsupportedMediaType',
  NotAcceptable: 'NotAcceptable',
  Expired: 'Expired',
  Gone: 'Gone',
  InternalError: 'InternalError',
  RequestEntityTooLarge: 'RequestEntityTooLarge',
} as const;
export type StatusReason = (typeof StatusReason)[keyof typeof StatusReason];

export interface StatusCause {
  reason: string;
  message: string;
  field: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: JsonObject;
  status: 'Failure' | 'Success';
  message: string;
  reason: StatusReason | '';
  code: number;
  details?: StatusDetails;
}

/** Thrown by operations; the HTTP layer serialises `.status` with `.status.code`. */
export class ApiError extends Error {
  readonly status: Status;
  constructor(code: number, reason: StatusReason, message: string, details?: StatusDetails) {
    super(message);
    this.name = 'ApiError';
    this.status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
    if (details !== undefined) this.status.details = details;
  }
  get code(): number {
    return this.status.code;
  }
}

type Named = Pick<ResourceType, 'group' | 'plural'>;

/** 404 `rollouts.argoproj.io "demo" not found`; details.kind is the plural. */
export function notFound(t: Named, name: string): ApiError {
  return new ApiError(404, StatusReason.NotFound, `${qualifiedResource(t)} "${name}" not found`, {
    name,
    group: t.group,
    kind: t.plural,
  });
}

/** 409 `… "demo" already exists`. */
export function alreadyExists(t: Named, name: string): ApiError {
  return new ApiError(409, StatusReason.AlreadyExists, `${qualifiedResource(t)} "${name}" already exists`, {
    name,
    group: t.group,
    kind: t.plural,
  });
}

/** 409 `Operation cannot be fulfilled on <resource> "<name>": <why>`. */
export function conflict(t: Named, name: string, why: string): ApiError {
  return new ApiError(409, StatusReason.Conflict, `Operation cannot be fulfilled on ${qualifiedResource(t)} "${name}": ${why}`, {
    name,
    group: t.group,
    kind: t.plural,
  });
}

export const MODIFIED_CONFLICT = 'the object has been modified; please apply your changes to the latest version and try again';

/**
 * 422 Invalid; details.kind is the Kind. Message:
 * `<Kind>[.<group>] "<name>" is invalid: <field>: <msg>` (several causes are bracketed and comma-joined).
 */
export function invalid(t: Pick<ResourceType, 'group' | 'kind'>, name: string, causes: StatusCause[]): ApiError {
  const qualifiedKind = t.group === '' ? t.kind : `${t.kind}.${t.group}`;
  const parts = causes.map((c) => (c.field === '' ? c.message : `${c.field}: ${c.message}`));
  const joined = parts.length === 1 ? (parts[0] ?? '') : `[${parts.join(', ')}]`;
  return new ApiError(422, StatusReason.Invalid, `${qualifiedKind} "${name}" is invalid: ${joined}`, {
    name,
    group: t.group,
    kind: t.kind,
    causes,
  });
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, StatusReason.BadRequest, message);
}

export function forbidden(message: string, details?: StatusDetails): ApiError {
  return new ApiError(403, StatusReason.Forbidden, message, details);
}

export function methodNotAllowed(message = 'the server does not allow this method on the requested resource'): ApiError {
  return new ApiError(405, StatusReason.MethodNotAllowed, message);
}

export function unsupportedMediaType(message: string): ApiError {
  return new ApiError(415, StatusReason.UnsupportedMediaType, message);
}

/** 410 `too old resource version: <asked> (<oldest>)`, reason Expired. */
export function expired(asked: string, oldest: number): ApiError {
  return new ApiError(410, StatusReason.Expired, `too old resource version: ${asked} (${oldest})`);
}

export function pathNotFound(): ApiError {
  return new ApiError(404, StatusReason.NotFound, 'the server could not find the requested resource', {});
}

export function internalError(message: string): ApiError {
  return new ApiError(500, StatusReason.InternalError, `Internal error occurred: ${message}`);
}

export function asApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return internalError(err instanceof Error ? err.message : String(err));
}
