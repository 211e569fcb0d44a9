import type { AnalysisTemplate, ClusterAnalysisTemplate, Metric } from '@serin/api';
import { describe, expect, it } from 'vitest';
import { dryRunMetricNames, measurementRetentionByMetric } from './rules.js';
import { type TemplateLookup, collectAnalysisTemplates, flattenTemplates } from './templates.js';

const metric = (name: string): Metric => ({ name, provider: { web: { url: 'http://x' } } });
const tpl = (name: string, spec: AnalysisTemplate['spec']): AnalysisTemplate => ({ metadata: { name, namespace: 'default' }, spec });
const ctpl = (name: string, spec: ClusterAnalysisTemplate['spec']): ClusterAnalysisTemplate => ({ metadata: { name }, spec });
const lookup = (templates: AnalysisTemplate[], cluster: ClusterAnalysisTemplate[] = []): TemplateLookup => ({
  analysisTemplate: (ns, name) => templates.find((t) => t.metadata?.namespace === ns && t.metadata?.name === name),
  clusterAnalysisTemplate: (name) => cluster.find((t) => t.metadata?.name === name),
});

describe('collectAnalysisTemplates', () => {
  const a = tpl('a', { metrics: [metric('m-a')], templates: [{ templateName: 'b' }, { templateName: 'c', clusterScope: true }] });
  const b = tpl('b', { metrics: [metric('m-b')] });
  const c = ctpl('c', { metrics: [metric('m-c')], templates: [{ templateName: 'b' }] });

  it('follows nested templates and keeps each name once', () => {
    const out = collectAnalysisTemplates([{ templateName: 'a' }, { templateName: 'b' }], 'default', lookup([a, b], [c]));
    expect(out.ok && out.value.templates.map((t) => t.metadata?.name)).toEqual(['a', 'b']);
    expect(out.ok && out.value.clusterTemplates.map((t) => t.metadata?.name)).toEqual(['c']);
  });

  it.each([
    { name: 'missing namespaced template', refs: [{ templateName: 'nope' }], error: 'analysistemplate.argoproj.io "nope" not found' },
    { name: 'missing cluster template', refs: [{ templateName: 'nope', clusterScope: true }], error: 'clusteranalysistemplate.argoproj.io "nope" not found' },
  ])('$name', ({ refs, error }) => expect(collectAnalysisTemplates(refs, 'default', lookup([]))).toEqual({ ok: false, error }));

  it('a reference cycle ends with an error instead of looping', () => {
    const loop = tpl('loop', { metrics: [], templates: [{ templateName: 'loop' }] });
    expect(collectAnalysisTemplates([{ templateName: 'loop' }], 'default', lookup([loop])).ok).toBe(false);
  });
});

describe('flattenTemplates', () => {
  it('concatenates metrics, rules and args (namespaced templates first)', () => {
    const out = flattenTemplates(
      [tpl('a', { metrics: [metric('one')], args: [{ name: 'x' }], dryRun: [{ metricName: 'one' }] })],
      [ctpl('c', { metrics: [metric('two')], args: [{ name: 'x', value: '1' }], measurementRetention: [{ metricName: 'two', limit: 3 }] })],
    );
    expect(out).toEqual({
      ok: true,
      value: { metrics: [metric('one'), metric('two')], dryRun: [{ metricName: 'one' }], measurementRetention: [{ metricName: 'two', limit: 3 }], args: [{ name: 'x', value: '1' }] },
    });
  });

  it.each([
    { name: 'duplicate metric', a: { metrics: [metric('m')] }, b: { metrics: [metric('m')] }, error: "two metrics have the same name 'm'" },
    { name: 'duplicate dry-run rule', a: { metrics: [metric('m')], dryRun: [{ metricName: 'm' }] }, b: { dryRun: [{ metricName: 'm' }] }, error: "two Dry-Run metric rules have the same name 'm'" },
    {
      name: 'duplicate retention rule',
      a: { metrics: [metric('m')], measurementRetention: [{ metricName: 'm', limit: 1 }] },
      b: { measurementRetention: [{ metricName: 'm', limit: 2 }] },
      error: "two Measurement Retention metric rules have the same name 'm'",
    },
  ])('$name', ({ a, b, error }) => expect(flattenTemplates([tpl('a', a), tpl('b', b)], [])).toEqual({ ok: false, error }));
});

describe('dry-run and retention rules (unanchored regex)', () => {
  const metrics = [metric('success-rate'), metric('latency'), metric('error-rate')];

  it.each([
    { name: 'exact', rules: [{ metricName: 'latency' }], names: ['latency'] },
    { name: 'all', rules: [{ metricName: '.*' }], names: ['success-rate', 'latency', 'error-rate'] },
    { name: 'unanchored substring', rules: [{ metricName: 'rate' }], names: ['success-rate', 'error-rate'] },
  ])('dryRun $name', ({ rules, names }) => {
    const out = dryRunMetricNames(rules, metrics);
    expect(out.ok && [...out.value]).toEqual(names);
  });

  it('dryRun rule matching nothing', () => {
    expect(dryRunMetricNames([{ metricName: 'latency' }, { metricName: 'nope' }], metrics)).toEqual({ ok: false, error: "dryRun[1]: Rule didn't match any metric name(s)" });
  });

  it('retention rule matching nothing', () => {
    expect(measurementRetentionByMetric([{ metricName: 'nope', limit: 2 }], metrics)).toEqual({ ok: false, error: "measurementRetention[0]: Rule didn't match any metric name(s)" });
  });

  it('retention rule per metric', () => {
    const out = measurementRetentionByMetric([{ metricName: 'rate', limit: 2 }], metrics);
    expect(out.ok && Object.fromEntries([...out.value].map(([k, v]) => [k, v.limit]))).toEqual({ 'success-rate': 2, 'error-rate': 2 });
  });
});
