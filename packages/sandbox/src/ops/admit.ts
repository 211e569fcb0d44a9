import { badRequest, invalid } from '../errors.js';
import type { StatusCause } from '../errors.js';
import { schemas } from '../pure-modules.js';
import type { KubeObject, ResourceType } from '../types.js';
import { isRecord } from '../types.js';
import type { FieldValidation } from './context.js';
import { applyBuiltinDefaulting } from './defaults.js';
import { validateAnnotations, validateLabels, validateName } from './object-meta.js';

export interface Admitted {
  object: KubeObject;
  warnings: string[];
}

/**
 * Validation every create/update passes: name, annotation size and — for custom resources — the CRD's
 * structural schema (defaults applied, unknown fields pruned). With `fieldValidation=Strict` unknown fields are
 * a 400 `strict decoding error`; with `Warn` they become warnings.
 * parity: kubernetes apiextensions-apiserver customresource_handler (strict decoding message format)
 */
export function admit(t: ResourceType, obj: KubeObject, fieldValidation: FieldValidation | undefined): Admitted {
  const name = obj.metadata.name ?? '';
  const causes: StatusCause[] = [...validateName(t, name), ...validateLabels(obj.metadata.labels), ...validateAnnotations(obj)];
  let object = obj;
  const warnings: string[] = [];
  applyBuiltinDefaulting(t, object);
  if (t.crd !== undefined && t.crd.schema !== undefined && schemas.available()) {
    const { metadata, apiVersion, kind, ...rest } = obj;
    const result = schemas.validateCustomResource(rest, t.crd.schema, { strict: fieldValidation === 'Strict' });
    const validated = isRecord(result.object) ? result.object : {};
    object = { apiVersion, kind, metadata, ...withoutEnvelope(validated) };
    causes.push(...result.causes);
    const unknown = result.unknownFields.map((f) => `unknown field "${f}"`);
    if (unknown.length > 0 && fieldValidation === 'Strict' && causes.length === 0) {
      throw badRequest(`${t.kind} in version "${t.version}" cannot be handled as a ${t.kind}: strict decoding error: ${unknown.join(', ')}`);
    }
    if (fieldValidation === 'Warn' || fieldValidation === undefined) warnings.push(...unknown);
  }
  if (causes.length > 0) throw invalid(t, name, causes);
  return { object, warnings };
}

function withoutEnvelope(obj: Record<string, unknown>): Record<string, unknown> {
  const { metadata: _m, apiVersion: _a, kind: _k, ...rest } = obj;
  return rest;
}
