/**
 * Test-only: validates manifests against the generated crds/*.yaml with ajv, the way an API server with
 * strict field validation would — a field the schema does not declare (and so would prune) is an error.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import type { JSONSchemaProps } from '../crd/schema.js';
import type { CustomResourceDefinition } from '../crd/crds.js';
import { CRD_FILE_NAMES } from '../crd/crds.js';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
export const CRDS_DIR = join(REPO_ROOT, 'crds');

export function readCrdFile(kind: keyof typeof CRD_FILE_NAMES): { text: string; crd: CustomResourceDefinition } {
  const text = readFileSync(join(CRDS_DIR, CRD_FILE_NAMES[kind]), 'utf8');
  return { text, crd: parse(text) as CustomResourceDefinition };
}

/** Adds `additionalProperties: false` wherever the API server would prune unknown fields. */
export function strictSchema(schema: JSONSchemaProps): JSONSchemaProps {
  const result: JSONSchemaProps = { ...schema };
  if (schema.properties) {
    result.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, strictSchema(v)]));
    if (!schema.additionalProperties && !schema['x-kubernetes-preserve-unknown-fields']) {
      (result as Record<string, unknown>)['additionalProperties'] = false;
    }
  }
  if (schema.items) result.items = strictSchema(schema.items);
  if (schema.additionalProperties) result.additionalProperties = strictSchema(schema.additionalProperties);
  return result;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function newAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat('double', { type: 'number', validate: () => true });
  ajv.addFormat('date-time', (s: string) => RFC3339.test(s));
  return ajv;
}

/** `/spec/strategy/canary/steps/0/setWeight` → `spec.strategy.canary.steps[0].setWeight`. */
function fieldPath(error: ErrorObject): string {
  const parts = error.instancePath.split('/').slice(1);
  if (error.keyword === 'additionalProperties') parts.push(String(error.params['additionalProperty']));
  if (error.keyword === 'required') parts.push(String(error.params['missingProperty']));
  return parts.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function describe(error: ErrorObject): string {
  if (error.keyword === 'additionalProperties') return `${fieldPath(error)}: unknown field`;
  if (error.keyword === 'required') return `${fieldPath(error)}: Required value`;
  return `${fieldPath(error)}: ${error.message ?? error.keyword}`;
}

export type ManifestValidator = (manifest: unknown) => string[];

/** One validator for all five kinds; unknown kinds are reported. */
export function crdValidator(): ManifestValidator {
  const ajv = newAjv();
  const byKind = new Map<string, ValidateFunction>();
  for (const kind of Object.keys(CRD_FILE_NAMES) as Array<keyof typeof CRD_FILE_NAMES>) {
    const schema = readCrdFile(kind).crd.spec.versions[0]?.schema.openAPIV3Schema;
    if (!schema) throw new Error(`no schema for ${kind}`);
    byKind.set(kind, ajv.compile(strictSchema(schema)));
  }
  return (manifest) => {
    const kind = (manifest as { kind?: unknown }).kind;
    const validate = typeof kind === 'string' ? byKind.get(kind) : undefined;
    if (!validate) return [`kind: not an argoproj.io kind (${String(kind)})`];
    if (validate(manifest)) return [];
    return [...new Set((validate.errors ?? []).map(describe))];
  };
}
