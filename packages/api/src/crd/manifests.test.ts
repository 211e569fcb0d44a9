import { describe, expect, it } from 'vitest';
import { crdValidator } from '../test-support/crd-validator.js';
import { argoFixtureDocuments } from '../test-support/fixtures.js';

const validate = crdValidator();
const upstream = argoFixtureDocuments('upstream-e2e');
const seed = argoFixtureDocuments('seed');

describe('real manifests validate against crds/ (unknown fields rejected, as strict field validation does)', () => {
  it('finds the fixtures', () => {
    expect(upstream.length).toBeGreaterThanOrEqual(50);
    expect(seed.map((d) => d.kind)).toStrictEqual(['Rollout', 'Rollout', 'Rollout', 'AnalysisTemplate', 'AnalysisTemplate']);
    expect(new Set(upstream.map((d) => d.kind))).toStrictEqual(
      new Set(['Rollout', 'AnalysisTemplate', 'AnalysisRun', 'Experiment']),
    );
  });

  it.each(upstream.map((d) => ({ name: d.name, kind: d.kind, document: d.document })))(
    'upstream e2e $name ($kind)',
    ({ document }) => {
      expect(validate(document)).toStrictEqual([]);
    },
  );

  it.each(seed.map((d) => ({ name: d.name, kind: d.kind, document: d.document })))('seed $name ($kind)', ({ document }) => {
    expect(validate(document)).toStrictEqual([]);
  });
});

const rollout = (spec: Record<string, unknown>): Record<string, unknown> => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  metadata: { name: 'broken' },
  spec: {
    selector: { matchLabels: { app: 'a' } },
    template: { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'a', image: 'nginx' }] } },
    strategy: { canary: { steps: [{ setWeight: 20 }] } },
    ...spec,
  },
});

describe('broken manifests fail with an error naming the field', () => {
  it.each([
    {
      name: 'setWeight is a string',
      manifest: rollout({ strategy: { canary: { steps: [{ setWeight: 'twenty' }] } } }),
      error: 'spec.strategy.canary.steps[0].setWeight: must be integer',
    },
    {
      name: 'misspelled strategy key',
      manifest: rollout({ strategy: { canery: {} } }),
      error: 'spec.strategy.canery: unknown field',
    },
    {
      name: 'blue-green without activeService',
      manifest: rollout({ strategy: { blueGreen: { previewService: 'p' } } }),
      error: 'spec.strategy.blueGreen.activeService: Required value',
    },
    {
      name: 'container without name',
      manifest: rollout({ template: { spec: { containers: [{ image: 'nginx' }] } } }),
      error: 'spec.template.spec.containers[0].name: Required value',
    },
    {
      name: 'replicas is not a number',
      manifest: rollout({ replicas: 'three' }),
      error: 'spec.replicas: must be integer',
    },
    {
      name: 'restartAt is not a date-time',
      manifest: rollout({ restartAt: 'tomorrow' }),
      error: 'spec.restartAt: must match format "date-time"',
    },
    {
      name: 'AnalysisRun without metrics',
      manifest: { apiVersion: 'argoproj.io/v1alpha1', kind: 'AnalysisRun', metadata: { name: 'r' }, spec: {} },
      error: 'spec.metrics: Required value',
    },
    {
      name: 'Experiment without templates',
      manifest: { apiVersion: 'argoproj.io/v1alpha1', kind: 'Experiment', metadata: { name: 'e' }, spec: {} },
      error: 'spec.templates: Required value',
    },
    {
      name: 'datadog apiVersion outside its enum',
      manifest: {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'AnalysisTemplate',
        metadata: { name: 't' },
        spec: { metrics: [{ name: 'm', provider: { datadog: { apiVersion: 'v3', query: 'q' } } }] },
      },
      error: 'spec.metrics[0].provider.datadog.apiVersion: must be equal to one of the allowed values',
    },
    {
      name: 'no spec',
      manifest: { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'r' } },
      error: 'spec: Required value',
    },
  ])('$name', ({ manifest, error }) => {
    expect(validate(manifest)).toContain(error);
  });
});
