/**
 * One small error type for every Kubernetes API failure, whatever produced it (our REST transport,
 * a client-node `ApiException` whose `.body` is the raw response string, or a watch failure with
 * `.statusCode`). `reason` is the Status reason (`NotFound`, `Conflict`, `AlreadyExists`, `Expired`, …).
 */
export const StatusReason = {
  NotFound: 'NotFound',
  Conflict: 'Conflict',
  AlreadyExists: 'AlreadyExists',
  Expired: 'Expired',
  Gone: 'Gone',
  Invalid: 'Invalid',
  Forbidden: 'Forbidden',
  Unauthorized: 'Unauthorized',
  TooManyRequests: 'TooManyRequests',
  Unknown: 'Unknown',
} as const;
export type StatusReason = (typeof StatusReason)[keyof typeof StatusReason];

export class KubeError extends Error {
  override readonly name = 'KubeError';
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Reason implied by an HTTP status when the body carries none (apimachinery's defaults). */
export function reasonForCode(code: number): string {
  switch (code) {
    case 404:
      return StatusReason.NotFound;
    case 409:
      return StatusReason.Conflict;
    case 410:
      return StatusReason.Gone;
    case 422:
      return StatusReason.Invalid;
    case 403:
      return StatusReason.Forbidden;
    case 401:
      return StatusReason.Unauthorized;
    case 429:
      return StatusReason.TooManyRequests;
    default:
      return StatusReason.Unknown;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseStatusBody(body: unknown): Record<string, unknown> | undefined {
  if (isRecord(body)) return body;
  if (typeof body !== 'string' || body === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Build a KubeError from an HTTP status and a response body (a `Status` object, JSON text or plain text). */
export function kubeErrorFromResponse(code: number, body: unknown, cause?: unknown): KubeError {
  const status = parseStatusBody(body);
  const reason = typeof status?.['reason'] === 'string' && status['reason'] !== '' ? status['reason'] : reasonForCode(code);
  const bodyCode = typeof status?.['code'] === 'number' ? status['code'] : code;
  const message =
    typeof status?.['message'] === 'string'
      ? status['message']
      : typeof body === 'string' && body !== ''
        ? body.slice(0, 500)
        : `HTTP ${code}`;
  return new KubeError(bodyCode, reason, message, cause === undefined ? undefined : { cause });
}

/**
 * Normalise anything thrown by an API call. Recognises KubeError, client-node `ApiException`
 * (`code` + string `body`), watch errors (`statusCode`), and in-stream watch ERROR objects (a Status).
 * Anything else becomes code 0 / reason `Unknown` (network failure, abort, bug) with `cause` set.
 */
export function toKubeError(err: unknown): KubeError {
  if (err instanceof KubeError) return err;
  if (isRecord(err) || err instanceof Error) {
    const rec = err as unknown as Record<string, unknown>;
    if (rec['kind'] === 'Status' && typeof rec['code'] === 'number') return kubeErrorFromResponse(rec['code'], rec);
    if (typeof rec['code'] === 'number' && 'body' in rec) return kubeErrorFromResponse(rec['code'], rec['body'], err);
    if (typeof rec['statusCode'] === 'number') {
      const msg = err instanceof Error ? err.message : `HTTP ${rec['statusCode']}`;
      return new KubeError(rec['statusCode'], reasonForCode(rec['statusCode']), msg, { cause: err });
    }
  }
  const message = err instanceof Error ? err.message : String(err);
  return new KubeError(0, StatusReason.Unknown, message, { cause: err });
}

export const isNotFound = (err: unknown): boolean => toKubeError(err).code === 404;
export const isConflict = (err: unknown): boolean => toKubeError(err).code === 409 && toKubeError(err).reason !== StatusReason.AlreadyExists;
export const isAlreadyExists = (err: unknown): boolean => toKubeError(err).reason === StatusReason.AlreadyExists;
/** 410 Gone / `Expired`: the resourceVersion is too old; relist. */
export const isGone = (err: unknown): boolean => {
  const e = toKubeError(err);
  return e.code === 410 || e.reason === StatusReason.Expired || e.reason === StatusReason.Gone;
};

/**
 * The API server refused the connection (nothing listening: it is down or restarting). Looks at the
 * error, its `cause` chain (a few levels) and, failing that, the message — node-fetch and undici
 * report it as `code: 'ECONNREFUSED'` on the error or its cause.
 */
export function isConnectionRefused(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e !== undefined && e !== null; depth++) {
    if (typeof e !== 'object') return false;
    const rec = e as Record<string, unknown>;
    if (rec['code'] === 'ECONNREFUSED' || (typeof rec['message'] === 'string' && rec['message'].includes('ECONNREFUSED'))) return true;
    e = rec['cause'];
  }
  return false;
}
