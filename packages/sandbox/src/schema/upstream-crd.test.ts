import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { JSONSchemaPropsLike } from './index.js';
import { validateCustomResource } from './index.js';

const REPO = join(import.meta.dirname, '../../../..');
const UPSTREAM = '/work/shared/upstream/argo-rollouts/e2e-manifests/functional';

type Doc = Record<string, unknown>;
const docs = (file: string): Doc[] =>
  parseAllDocuments(readFileSync(file, 'utf8'), { uniqueKeys: false })
    .map((d) => d.toJS() as Doc | null)
    .filter((d): d is Doc => d !== null);

const rolloutSchema = (() => {
  const [crd] = docs(join(REPO, 'crds/rollout-crd.yaml'));
  const versions = (crd?.spec as { versions: { schema: { openAPIV3Schema: JSONSchemaPropsLike } }[] }).versions;
  const schema = versions[0]?.schema.openAPIV3Schema;
  if (!schema) throw new Error('rollout CRD has no schema');
  return schema;
})();

const upstreamRollouts = readdirSync(UPSTREAM)
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((f) => docs(join(UPSTREAM, f)).filter((d) => d.kind === 'Rollout').map((d) => ({ file: f, doc: d })));

describe('upstream Argo Rollouts e2e manifests against the Rollout CRD schema', () => {
  it('finds the upstream rollouts', () => {
    expect(upstreamRollouts.length).toBeGreaterThan(20);
  });

  it.each(upstreamRollouts)('$file is valid and has no unknown fields', ({ doc }) => {
    const { causes, unknownFields } = validateCustomResource(doc, rolloutSchema, { strict: true });
    expect(causes).toEqual([]);
    expect(unknownFields).toEqual([]);
  });

  it('defaults container port protocol to TCP (feeds the pod-template hash)', () => {
    const ro = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      metadata: { name: 'demo' },
      spec: { selector: { matchLabels: { app: 'demo' } }, template: { spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }] } } },
    };
    const { object } = validateCustomResource(ro, rolloutSchema, { strict: true });
    const ports = (object as { spec: { template: { spec: { containers: { ports: unknown[] }[] } } } }).spec.template.spec.containers[0]?.ports;
    expect(ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
  });

  it('rejects a string replicas with the message kubectl prints', () => {
    const ro = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'demo' }, spec: { replicas: 'string' } };
    const { causes, unknownFields } = validateCustomResource(ro, rolloutSchema, { strict: true });
    expect(causes).toContainEqual({
      reason: 'FieldValueTypeInvalid',
      field: 'spec.replicas',
      message: 'Invalid value: "string": spec.replicas in body must be of type integer: "string"',
    });
    expect(unknownFields).toEqual([]);
  });

  it('reports spec.foo as unknown', () => {
    const ro = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'demo' }, spec: { foo: 1 } };
    expect(validateCustomResource(ro, rolloutSchema, { strict: true }).unknownFields).toEqual(['spec.foo']);
  });
});
