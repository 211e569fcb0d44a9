import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { renderCrdFiles } from '../../scripts/gen-crds.js';
import { CRDS_DIR, readCrdFile } from '../test-support/crd-validator.js';
import { CRD_FILE_NAMES } from './crds.js';
import type { JSONSchemaProps } from './schema.js';

const KINDS = Object.keys(CRD_FILE_NAMES) as Array<keyof typeof CRD_FILE_NAMES>;
const generated = renderCrdFiles();

/** Follows `a.b[].c` through properties / items. */
function schemaAt(root: JSONSchemaProps, path: string): JSONSchemaProps | undefined {
  let node: JSONSchemaProps | undefined = root;
  for (const part of path.split('.')) {
    const name = part.replace(/\[\]$/, '');
    node = node?.properties?.[name];
    if (part.endsWith('[]')) node = node?.items;
  }
  return node;
}

const rolloutSchema = (): JSONSchemaProps => {
  const schema = readCrdFile('Rollout').crd.spec.versions[0]?.schema.openAPIV3Schema;
  if (!schema) throw new Error('no Rollout schema');
  return schema;
};

describe('crds/ is generated, not hand-edited', () => {
  it('holds exactly the five generated files', () => {
    const onDisk = readdirSync(CRDS_DIR).filter((f) => f.endsWith('.yaml')).sort();
    expect(onDisk).toStrictEqual([...generated.keys()].sort());
  });

  it.each(KINDS.map((kind) => ({ kind, file: CRD_FILE_NAMES[kind] })))('$file matches `pnpm gen:crds` output', ({ kind, file }) => {
    expect(readCrdFile(kind).text, `crds/${file} is stale: run pnpm gen:crds`).toBe(generated.get(file));
  });
});

describe('CRD identity matches upstream (§1)', () => {
  it.each([
    { kind: 'Rollout', name: 'rollouts.argoproj.io', plural: 'rollouts', singular: 'rollout', short: ['ro'], scope: 'Namespaced', columns: ['Desired', 'Current', 'Up-to-date', 'Available', 'Age'] },
    { kind: 'AnalysisTemplate', name: 'analysistemplates.argoproj.io', plural: 'analysistemplates', singular: 'analysistemplate', short: ['at'], scope: 'Namespaced', columns: ['Age'] },
    { kind: 'ClusterAnalysisTemplate', name: 'clusteranalysistemplates.argoproj.io', plural: 'clusteranalysistemplates', singular: 'clusteranalysistemplate', short: ['cat'], scope: 'Cluster', columns: ['Age'] },
    { kind: 'AnalysisRun', name: 'analysisruns.argoproj.io', plural: 'analysisruns', singular: 'analysisrun', short: ['ar'], scope: 'Namespaced', columns: ['Status', 'Age'] },
    { kind: 'Experiment', name: 'experiments.argoproj.io', plural: 'experiments', singular: 'experiment', short: ['exp'], scope: 'Namespaced', columns: ['Status', 'Age'] },
  ] as const)('$kind', ({ kind, name, plural, singular, short, scope, columns }) => {
    const { crd } = readCrdFile(kind);
    const version = crd.spec.versions[0];
    expect(crd.apiVersion).toBe('apiextensions.k8s.io/v1');
    expect(crd.metadata.name).toBe(name);
    expect(crd.spec.group).toBe('argoproj.io');
    expect(crd.spec.names).toStrictEqual({ kind, listKind: `${kind}List`, plural, singular, shortNames: short });
    expect(crd.spec.scope).toBe(scope);
    expect(crd.spec.versions).toHaveLength(1);
    expect(version?.name).toBe('v1alpha1');
    expect(version?.served && version.storage).toBe(true);
    expect(version?.additionalPrinterColumns.map((c) => c.name)).toStrictEqual(columns);
    expect(version?.schema.openAPIV3Schema.required).toStrictEqual(['spec']);
  });

  it('Rollout has status and scale subresources wired to HPAReplicas and the status selector', () => {
    expect(readCrdFile('Rollout').crd.spec.versions[0]?.subresources).toStrictEqual({
      status: {},
      scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.HPAReplicas', labelSelectorPath: '.status.selector' },
    });
  });

  it.each(['AnalysisTemplate', 'ClusterAnalysisTemplate', 'AnalysisRun', 'Experiment'] as const)(
    '%s has no status subresource (status written with the object)',
    (kind) => {
      expect(readCrdFile(kind).crd.spec.versions[0]?.subresources).toStrictEqual({});
    },
  );

  it('Rollout printer columns read the same fields as upstream', () => {
    const columns = readCrdFile('Rollout').crd.spec.versions[0]?.additionalPrinterColumns;
    expect(columns?.map((c) => `${c.name} ${c.type} ${c.jsonPath}`)).toStrictEqual([
      'Desired integer .spec.replicas',
      'Current integer .status.replicas',
      'Up-to-date integer .status.updatedReplicas',
      'Available integer .status.availableReplicas',
      'Age date .metadata.creationTimestamp',
    ]);
  });
});

describe('Rollout schema facts that change stored objects (§1)', () => {
  const pod = 'spec.template.spec';
  it.each([
    { path: `${pod}.containers[].ports[].protocol`, key: 'default', value: 'TCP' },
    { path: `${pod}.initContainers[].ports[].protocol`, key: 'default', value: 'TCP' },
    { path: `${pod}.containers[].env[].valueFrom.configMapKeyRef.name`, key: 'default', value: '' },
    { path: `${pod}.containers[].env[].valueFrom.secretKeyRef.name`, key: 'default', value: '' },
    { path: `${pod}.containers[].env[].valueFrom.fileKeyRef.optional`, key: 'default', value: false },
    { path: `${pod}.containers[].livenessProbe.grpc.service`, key: 'default', value: '' },
    { path: `${pod}.volumes`, key: 'x-kubernetes-preserve-unknown-fields', value: true },
    { path: `${pod}.containers[].resources.limits`, key: 'x-kubernetes-preserve-unknown-fields', value: true },
    { path: `${pod}.containers[].resources.requests`, key: 'x-kubernetes-preserve-unknown-fields', value: true },
    { path: `${pod}.tolerations`, key: 'x-kubernetes-list-type', value: 'atomic' },
    { path: `${pod}.containers[].args`, key: 'x-kubernetes-list-type', value: 'atomic' },
    { path: `${pod}.containers`, key: 'x-kubernetes-list-type', value: 'map' },
    { path: 'spec.selector', key: 'x-kubernetes-map-type', value: 'atomic' },
    { path: 'spec.strategy.canary.steps[].pause.duration', key: 'x-kubernetes-int-or-string', value: true },
    { path: 'spec.strategy.canary.trafficRouting.plugins', key: 'x-kubernetes-preserve-unknown-fields', value: true },
    { path: 'status.HPAReplicas', key: 'format', value: 'int32' },
    { path: 'status.observedGeneration', key: 'type', value: 'string' },
  ])('$path has $key: $value', ({ path, key, value }) => {
    expect(schemaAt(rolloutSchema(), path)?.[key as keyof JSONSchemaProps]).toStrictEqual(value);
  });

  it('template metadata keeps only labels and annotations (the rest is pruned before hashing)', () => {
    expect(Object.keys(schemaAt(rolloutSchema(), 'spec.template.metadata')?.properties ?? {})).toStrictEqual([
      'annotations',
      'labels',
    ]);
  });

  it('carries no schema descriptions (only the five printer-column descriptions)', () => {
    expect(readCrdFile('Rollout').text.match(/description:/g)?.length).toBe(5);
  });
});

describe('client-side `kubectl apply -f crds/` fits the last-applied annotation (< 262144 bytes)', () => {
  it.each(KINDS)('%s compact JSON size', (kind) => {
    const size = Buffer.byteLength(JSON.stringify(readCrdFile(kind).crd), 'utf8');
    expect(size).toBeLessThan(262_144);
  });
});
