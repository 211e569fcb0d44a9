/**
 * CRD structural-schema handling of a custom resource write, in the API server's order: prune unknown fields,
 * apply defaults, validate. `unknownFields` lists what pruning dropped (`spec.foo`); the server turns them into a
 * 400 under fieldValidation=Strict (`strictDecodingMessage`) or `unknown field "spec.foo"` warnings under Warn.
 * `causes` non-empty → 422 Invalid (`invalidStatusMessage`).
 */
import { applyDefaults } from './defaults.js';
import { pruneUnknownFields } from './prune.js';
import type { JSONSchemaPropsLike, StatusCause } from './types.js';
import { validateAgainstSchema } from './validate.js';

export interface CustomResourceValidation {
  /** pruned and defaulted copy of the input */
  object: unknown;
  causes: StatusCause[];
  unknownFields: string[];
}

/**
 * `opts.strict` only says whether the caller will reject unknown fields; pruning and reporting happen either
 * way (a Strict request is rejected before anything is stored, so the pruned object is then simply unused).
 */
export function validateCustomResource(obj: unknown, schema: JSONSchemaPropsLike, opts: { strict: boolean }): CustomResourceValidation {
  void opts.strict;
  const object = structuredClone(obj);
  const unknownFields = pruneUnknownFields(object, schema);
  applyDefaults(object, schema);
  const causes = validateAgainstSchema(object, schema);
  return { object, causes, unknownFields };
}
