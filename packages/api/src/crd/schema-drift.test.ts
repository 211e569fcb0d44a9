/**
 * Types and schema cannot drift:
 * - compile time: `object<T>()` demands exactly the keys of `T` (checked by `pnpm typecheck`; the
 *   `@ts-expect-error` lines below stop compiling if that guarantee is lost);
 * - run time: a value with every TS field (`Complete<T>`) validates against the generated CRD with unknown
 *   fields rejected (TS ⊆ schema), and every schema property is present in that value (schema ⊆ TS).
 */
import { describe, expect, it } from 'vitest';
import { crdValidator, readCrdFile } from '../test-support/crd-validator.js';
import { COMPLETE_ROLLOUT } from '../test-support/complete-rollout.js';
import {
  COMPLETE_ANALYSIS_RUN,
  COMPLETE_ANALYSIS_TEMPLATE,
  COMPLETE_CLUSTER_ANALYSIS_TEMPLATE,
  COMPLETE_EXPERIMENT,
} from '../test-support/complete-analysis.js';
import type { CRD_FILE_NAMES } from './crds.js';
import { int32, type JSONSchemaProps, object, string } from './schema.js';

interface Sample {
  name: string;
  optional?: number;
}

describe('object<T>() is typed against T', () => {
  it('accepts exactly the keys of T', () => {
    expect(object<Sample>({ name: string(), optional: int32() }, ['name']).required).toStrictEqual(['name']);
  });

  it('rejects a missing key, an extra key and a required optional key at compile time', () => {
    // @ts-expect-error — `optional` is missing
    const missing = object<Sample>({ name: string() });
    // @ts-expect-error — `extra` is not a key of Sample
    const extra = object<Sample>({ name: string(), optional: int32(), extra: string() });
    // @ts-expect-error — `optional` is optional in Sample, so the CRD may not require it
    const requiredOptional = object<Sample>({ name: string(), optional: int32() }, ['optional']);
    expect([missing, extra, requiredOptional].every((s) => s.type === 'object')).toBe(true);
  });
});

/** Subtrees whose schema comes from Kubernetes models (or is free-form), not from Serin's TS types. */
const OPAQUE = [
  /^metadata$/,
  /\.template$/,
  /\.selector$/,
  /\.job\.spec$/,
  /\.job\.metadata$/,
];

/** Property paths declared by the schema that the value lacks (arrays: first element). */
function missingPaths(schema: JSONSchemaProps, value: unknown, path = ''): string[] {
  if (OPAQUE.some((re) => re.test(path))) return [];
  if (schema.items) {
    return Array.isArray(value) && value.length > 0 ? missingPaths(schema.items, value[0], `${path}[]`) : [path];
  }
  if (!schema.properties) return [];
  const object = (value ?? {}) as Record<string, unknown>;
  return Object.entries(schema.properties).flatMap(([key, child]) => {
    const childPath = path === '' ? key : `${path}.${key}`;
    return key in object ? missingPaths(child, object[key], childPath) : [childPath];
  });
}

const validate = crdValidator();
const SAMPLES: Array<{ kind: keyof typeof CRD_FILE_NAMES; value: unknown }> = [
  { kind: 'Rollout', value: COMPLETE_ROLLOUT },
  { kind: 'AnalysisTemplate', value: COMPLETE_ANALYSIS_TEMPLATE },
  { kind: 'ClusterAnalysisTemplate', value: COMPLETE_CLUSTER_ANALYSIS_TEMPLATE },
  { kind: 'AnalysisRun', value: COMPLETE_ANALYSIS_RUN },
  { kind: 'Experiment', value: COMPLETE_EXPERIMENT },
];

describe('every TS field is in the CRD schema, and every schema field is in the TS types', () => {
  it.each(SAMPLES)('$kind: a value with every TS field validates with unknown fields rejected', ({ value }) => {
    expect(validate(value)).toStrictEqual([]);
  });

  it.each(SAMPLES)('$kind: every schema property appears in that value', ({ kind, value }) => {
    const schema = readCrdFile(kind).crd.spec.versions[0]?.schema.openAPIV3Schema;
    expect(schema).toBeDefined();
    expect(missingPaths(schema ?? {}, value)).toStrictEqual([]);
  });

  it('the property walk would notice a missing field', () => {
    const schema: JSONSchemaProps = object<Sample>({ name: string(), optional: int32() });
    expect(missingPaths(schema, { name: 'x' })).toStrictEqual(['optional']);
  });
});
