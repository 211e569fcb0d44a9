/**
 * Errors raised by the patch engines. `code` and `reason` are the HTTP status and `Status.reason` the
 * API server answers with; `statusMessage` is the `Status.message` it sends (which is not always the
 * engine's own text — see `JSON_PATCH_STATUS_MESSAGE`).
 */
export class PatchError extends Error {
  readonly code: number;
  readonly reason: string;
  readonly statusMessage: string;

  constructor(message: string, opts: { code?: number; reason?: string; statusMessage?: string } = {}) {
    super(message);
    this.name = 'PatchError';
    this.code = opts.code ?? 400;
    this.reason = opts.reason ?? 'BadRequest';
    this.statusMessage = opts.statusMessage ?? message;
  }
}

/**
 * `Status.message` of a JSON patch that fails to apply: the API server wraps the json-patch error in
 * `NewGenericServerResponse(422, …, isUnexpectedResponse=false)`, which drops the engine's text and keeps the
 * generic sentence below (reason `Invalid`, empty details). kubectl prints it as
 * `The request is invalid: the server rejected our request due to an error in our request`.
 * parity: kubernetes apiserver pkg/endpoints/handlers/patch.go, apimachinery pkg/api/errors/errors.go
 */
export const JSON_PATCH_STATUS_MESSAGE = 'the server rejected our request due to an error in our request';

/**
 * `Status.message` (415 UnsupportedMediaType) the API server sends for a strategic merge patch to a custom
 * resource. kubectl wraps it as `<content type> is not supported by <gvk>: <message>`
 * (see `kubectlStrategicMergeUnsupportedMessage`).
 */
export const STRATEGIC_MERGE_UNSUPPORTED_STATUS_MESSAGE =
  'the body of the request was in an unknown format - accepted media types include: ' +
  'application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml';

/** What kubectl prints (after `error: `) when the server answers a strategic merge patch with 415 (observed). */
export function kubectlStrategicMergeUnsupportedMessage(gvk: { group: string; version: string; kind: string }): string {
  const gv = gvk.group === '' ? gvk.version : `${gvk.group}/${gvk.version}`;
  return `application/strategic-merge-patch+json is not supported by ${gv}, Kind=${gvk.kind}: ${STRATEGIC_MERGE_UNSUPPORTED_STATUS_MESSAGE}`;
}
