import { readFileSync } from 'node:fs';
import type { V1ReplicaSet } from '@kubernetes/client-node';
import type { AnalysisTemplate, Rollout } from '@serin/api';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { analysisRunLabels, buildArgumentsForRolloutAnalysisRun, buildBackgroundAnalysisRun, buildStepAnalysisRun } from './rollout-runs.js';
import type { TemplateLookup } from './templates.js';

// Upstream's own e2e manifest (rollout + secret + template with secretKeyRef args).
const docs = parseAllDocuments(readFileSync('/work/shared/upstream/argo-rollouts/e2e-manifests/functional/rollout-secret-withArgs.yaml', 'utf8')).map((d) => d.toJSON() as { kind: string });
const rollout = (): Rollout => {
  const r = structuredClone(docs.find((d) => d.kind === 'Rollout')) as Rollout;
  r.metadata = { ...r.metadata, namespace: 'default', uid: 'rollout-uid', annotations: { 'rollout.argoproj.io/revision': '2' } };
  return r;
};
const template = docs.find((d) => d.kind === 'AnalysisTemplate') as AnalysisTemplate;
const lookup: TemplateLookup = { analysisTemplate: (_ns, name) => (name === template.metadata?.name ? template : undefined), clusterAnalysisTemplate: () => undefined };
const rs = (hash: string): V1ReplicaSet => ({ metadata: { name: `rollout-secret-${hash}`, labels: { 'rollouts-pod-template-hash': hash } } });

describe('buildStepAnalysisRun (upstream rollout-secret-withArgs.yaml)', () => {
  const built = buildStepAnalysisRun({ rollout: rollout(), stepIndex: 1, newRS: rs('6f8c9d'), stableRS: rs('5b7a1c'), templates: lookup });
  if (!built.ok) throw new Error(built.error);
  const run = built.value;

  it('is named <rollout>-<hash>-<revision>-<step>', () => expect(run.metadata?.name).toBe('rollout-secret-6f8c9d-2-1'));

  it('carries type/step/hash labels, the selector labels and the revision annotation', () => {
    expect(run.metadata?.labels).toEqual({ 'rollouts-pod-template-hash': '6f8c9d', 'rollout-type': 'Step', 'step-index': '1', app: 'rollout-secret' });
    expect(run.metadata?.annotations).toEqual({ 'rollout.argoproj.io/revision': '2' });
  });

  it('is controlled by the Rollout', () => {
    expect(run.metadata?.ownerReferences).toEqual([{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'rollout-secret', uid: 'rollout-uid', controller: true, blockOwnerDeletion: true }]);
  });

  it('merges Rollout args over template args, keeps the secret reference unresolved', () => {
    expect(run.spec.args).toEqual([
      { name: 'analysis-interval', value: '5s' },
      { name: 'analysis-runs', value: '3' },
      { name: 'failure-limit', value: '2' },
      { name: 'inconclusive-limit', value: '2' },
      { name: 'success-condition', value: 'It worked!' },
      { name: 'secret-url', valueFrom: { secretKeyRef: { name: 'example-secret', key: 'secretUrl' } } },
    ]);
    expect(run.spec.metrics.map((m) => m.name)).toEqual(['webmetric']);
  });
});

describe('buildBackgroundAnalysisRun', () => {
  it('has no infix and rollout-type Background, instance id copied', () => {
    const r = rollout();
    r.metadata = { ...r.metadata, labels: { 'argo-rollouts.argoproj.io/controller-instance-id': 'shard-a' } };
    r.spec.strategy = { canary: { analysis: { templates: [{ templateName: 'analysis-secret-args' }], args: [{ name: 'failure-limit', value: '1' }, { name: 'inconclusive-limit', value: '1' }, { name: 'success-condition', value: 'ok' }] } } };
    const out = buildBackgroundAnalysisRun({ rollout: r, newRS: rs('abc'), stableRS: rs('def'), templates: lookup });
    expect(out.ok && out.value.metadata?.name).toBe('rollout-secret-abc-2');
    expect(out.ok && out.value.metadata?.labels?.['rollout-type']).toBe('Background');
    expect(out.ok && out.value.metadata?.labels?.['argo-rollouts.argoproj.io/controller-instance-id']).toBe('shard-a');
  });

  it.each([
    { name: 'missing template', templates: [{ templateName: 'nope' }], args: [], error: 'analysistemplate.argoproj.io "nope" not found' },
    { name: 'template arg left unresolved', templates: [{ templateName: 'analysis-secret-args' }], args: [], error: 'args.failure-limit was not resolved' },
  ])('fails: $name', ({ templates, args, error }) => {
    const r = rollout();
    r.spec.strategy = { canary: { analysis: { templates, args } } };
    expect(buildBackgroundAnalysisRun({ rollout: r, newRS: rs('abc'), stableRS: rs('def'), templates: lookup })).toEqual({ ok: false, error });
  });

  it('fails when the new ReplicaSet has no hash label', () => {
    const r = rollout();
    r.spec.strategy = { canary: { analysis: { templates: [{ templateName: 'analysis-secret-args' }] } } };
    expect(buildBackgroundAnalysisRun({ rollout: r, newRS: { metadata: { name: 'x' } }, stableRS: undefined, templates: lookup })).toEqual({ ok: false, error: "Latest ReplicaSet 'x' has no pod hash in the labels" });
  });
});

describe('buildArgumentsForRolloutAnalysisRun', () => {
  const r = rollout();
  r.metadata = { ...r.metadata, labels: { team: 'payments', app: 'x' } };
  it.each([
    { name: 'value', arg: { name: 'a', value: 'v' }, value: 'v' },
    { name: 'no value → empty', arg: { name: 'a' }, value: '' },
    { name: 'Latest hash', arg: { name: 'a', valueFrom: { podTemplateHashValue: 'Latest' as const } }, value: 'new1' },
    { name: 'Stable hash', arg: { name: 'a', valueFrom: { podTemplateHashValue: 'Stable' as const } }, value: 'old1' },
    { name: 'metadata.name', arg: { name: 'a', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }, value: 'rollout-secret' },
    { name: "metadata.labels['team']", arg: { name: 'a', valueFrom: { fieldRef: { fieldPath: "metadata.labels['team']" } } }, value: 'payments' },
    { name: 'metadata.labels (map)', arg: { name: 'a', valueFrom: { fieldRef: { fieldPath: 'metadata.labels' } } }, value: 'app="x"\nteam="payments"' },
    { name: 'spec path', arg: { name: 'a', valueFrom: { fieldRef: { fieldPath: 'spec.template.spec.containers[0].image' } } }, value: 'nginx:1.19-alpine' },
    { name: 'spec number', arg: { name: 'a', valueFrom: { fieldRef: { fieldPath: 'spec.replicas' } } }, value: '1' },
  ])('$name', ({ arg, value }) => {
    expect(buildArgumentsForRolloutAnalysisRun([arg], { newRS: rs('new1'), stableRS: rs('old1') }, r)).toEqual({ ok: true, value: [{ name: 'a', value }] });
  });

  it.each([
    { name: 'unsupported metadata path', fieldPath: 'metadata.generation', error: 'unsupported fieldPath: metadata.generation' },
    { name: 'missing spec path', fieldPath: 'spec.nothing', error: 'invalid path spec.nothing in rollout' },
    { name: 'non-primitive', fieldPath: 'spec.selector', error: 'path spec.selector in rollout must terminate in a primitive value' },
    { name: 'index out of range', fieldPath: 'spec.template.spec.containers[3].image', error: 'index 3 out of range' },
  ])('fieldRef error: $name', ({ fieldPath, error }) => {
    expect(buildArgumentsForRolloutAnalysisRun([{ name: 'a', valueFrom: { fieldRef: { fieldPath } } }], { newRS: undefined, stableRS: undefined }, r)).toEqual({ ok: false, error });
  });

  // parity: argo-rollouts utils/analysis/factory.go — values print with Go's %v (float64 from JSON: %g, shortest)
  it.each([
    { name: 'below 1e6 stays plain', replicas: 999999, value: '999999' },
    { name: '1e6 → 1e+06', replicas: 1000000, value: '1e+06' },
    { name: '1234567 → 1.234567e+06', replicas: 1234567, value: '1.234567e+06' },
  ])('spec number as Go prints it: $name', ({ replicas, value }) => {
    const big = structuredClone(r);
    big.spec.replicas = replicas;
    expect(buildArgumentsForRolloutAnalysisRun([{ name: 'a', valueFrom: { fieldRef: { fieldPath: 'spec.replicas' } } }], { newRS: undefined, stableRS: undefined }, big)).toEqual({ ok: true, value: [{ name: 'a', value }] });
  });

  // parity: argo-rollouts utils/analysis/factory.go BuildArgumentsForRolloutAnalysisRun — a non-metadata path
  // error does not stop the loop (its value is ''); the last fieldRef decides whether the error is returned
  it.each([
    { name: 'a later fieldRef that resolves clears it', later: 'metadata.name', result: { ok: true, value: [{ name: 'a', value: '' }, { name: 'b', value: 'rollout-secret' }] } },
    { name: 'a later plain value keeps it', later: undefined, result: { ok: false, error: 'invalid path spec.nothing in rollout' } },
  ])('a non-metadata fieldRef error: $name', ({ later, result }) => {
    const second = later === undefined ? { name: 'b', value: 'v' } : { name: 'b', valueFrom: { fieldRef: { fieldPath: later } } };
    expect(buildArgumentsForRolloutAnalysisRun([{ name: 'a', valueFrom: { fieldRef: { fieldPath: 'spec.nothing' } } }, second], { newRS: undefined, stableRS: undefined }, r)).toEqual(result);
  });
});

describe('analysisRunLabels', () => {
  it.each([
    { name: 'step', type: 'Step' as const, step: 3, labels: { 'rollouts-pod-template-hash': 'h', 'rollout-type': 'Step', 'step-index': '3' } },
    { name: 'background', type: 'Background' as const, step: undefined, labels: { 'rollouts-pod-template-hash': 'h', 'rollout-type': 'Background' } },
    { name: 'pre-promotion', type: 'PrePromotion' as const, step: undefined, labels: { 'rollouts-pod-template-hash': 'h', 'rollout-type': 'PrePromotion' } },
  ])('$name', ({ type, step, labels }) => expect(analysisRunLabels(type, 'h', undefined, step)).toEqual(labels));
});
