import { describe, expect, it } from 'vitest';
import type { PodTemplateMetadata } from '@serin/api';
import { computePodTemplateHash } from '../hash/pod-template-hash.js';
import { parseEphemeralMetadata, reconcileEphemeralMetadata, syncEphemeralMeta } from './ephemeral-metadata.js';
import { PlanContext } from './plan.js';
import { aReplicaSet, aRollout } from './test-support/builders.js';

describe('syncEphemeralMeta', () => {
  it.each<{ name: string; meta: { labels?: Record<string, string>; annotations?: Record<string, string> }; existing?: PodTemplateMetadata; desired?: PodTemplateMetadata; labels: Record<string, string>; annotations: Record<string, string>; modified: boolean }>([
    { name: 'inject', meta: { labels: { app: 'a' } }, desired: { labels: { role: 'canary' }, annotations: { x: '1' } }, labels: { app: 'a', role: 'canary' }, annotations: { x: '1' }, modified: true },
    { name: 'already there', meta: { labels: { app: 'a', role: 'canary' } }, existing: { labels: { role: 'canary' } }, desired: { labels: { role: 'canary' } }, labels: { app: 'a', role: 'canary' }, annotations: {}, modified: false },
    { name: 'role switch replaces the value', meta: { labels: { role: 'canary' } }, existing: { labels: { role: 'canary' } }, desired: { labels: { role: 'stable' } }, labels: { role: 'stable' }, annotations: {}, modified: true },
    { name: 'removed only when we injected it', meta: { labels: { role: 'canary', team: 'x' } }, existing: { labels: { role: 'canary' } }, desired: undefined, labels: { team: 'x' }, annotations: {}, modified: true },
    { name: 'nothing recorded → nothing removed', meta: { labels: { role: 'canary' } }, labels: { role: 'canary' }, annotations: {}, modified: false },
  ])('$name', ({ meta, existing, desired, labels, annotations, modified }) => {
    const r = syncEphemeralMeta(meta, existing, desired);
    expect({ labels: r.labels, annotations: r.annotations, modified: r.modified }).toEqual({ labels, annotations, modified });
  });
});

describe('parseEphemeralMetadata', () => {
  it.each([
    { name: 'recorded', annotation: '{"labels":{"role":"stable"}}', parsed: { labels: { role: 'stable' } } },
    { name: 'garbage', annotation: '{not json', parsed: undefined },
  ])('$name', ({ annotation, parsed }) => {
    expect(parseEphemeralMetadata(aReplicaSet({ name: 'r', annotations: { 'rollout.argoproj.io/ephemeral-metadata': annotation } }))).toEqual(parsed);
  });
});

describe('reconcileEphemeralMetadata', () => {
  const labelsPatched = (ctx: PlanContext): Record<string, unknown> =>
    Object.fromEntries(ctx.actions.filter((a) => a.kind === 'patchReplicaSet').map((a) => [a.kind === 'patchReplicaSet' ? a.name : '', (a as { patch: { spec?: { template?: { metadata?: { labels?: unknown } } } } }).patch.spec?.template?.metadata?.labels]));

  it('does nothing when no ephemeral metadata is configured, even on an RS that carries the annotation', () => {
    const rs = aReplicaSet({ name: 'old', hash: 'o', annotations: { 'rollout.argoproj.io/ephemeral-metadata': '{"labels":{"role":"x"}}' } });
    const ctx = new PlanContext(aRollout(), [rs], [], 0);
    reconcileEphemeralMetadata(ctx);
    expect(ctx.actions).toEqual([]);
  });

  it('blue-green mid-update: preview metadata on the new RS, active metadata on the stable RS', () => {
    const ro = aRollout({ status: { stableRS: 's' } });
    ro.spec.strategy = { blueGreen: { activeService: 'a', previewMetadata: { labels: { role: 'preview' } }, activeMetadata: { labels: { role: 'active' } } } };
    const newRS = aReplicaSet({ name: 'new', hash: computePodTemplateHash(ro.spec.template ?? {}) });
    const stableRS = aReplicaSet({ name: 'stable', hash: 's' });
    const ctx = new PlanContext(ro, [stableRS, newRS], [], 0);
    reconcileEphemeralMetadata(ctx);
    expect(labelsPatched(ctx)).toEqual({ new: { role: 'preview' }, stable: { role: 'active' } });
  });
});

describe('reconcileEphemeralMetadata: pods', () => {
  const canaryMeta = { labels: { role: 'canary' } };
  const stableMeta = { labels: { role: 'stable' } };
  const recorded = { 'rollout.argoproj.io/ephemeral-metadata': '{"labels":{"role":"canary"}}' };
  const podOf = (name: string, rs: { metadata?: { uid?: string } }, labels: Record<string, string>) => ({
    metadata: { name, namespace: 'ns', labels, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'x', uid: rs.metadata?.uid ?? '' }] },
  });
  const patchedPods = (ctx: PlanContext): string[] => ctx.actions.flatMap((a) => (a.kind === 'patchPod' ? [a.name] : []));

  // parity: argo-rollouts rollout/ephemeralmetadata.go syncEphemeralMetadata — the pods of a scaled-up RS are synced
  // on every reconcile, whether or not the RS template itself needed an update (a pod missed earlier is caught up).
  it.each([
    { name: 'a pod of an up-to-date canary RS that lacks the canary label is patched', replicas: 1, patched: ['p1'] },
    { name: 'the pods of a scaled-down RS are left alone', replicas: 0, patched: [] },
  ])('$name', ({ replicas, patched }) => {
    const ro = aRollout({ status: { stableRS: 's' } });
    ro.spec.strategy = { canary: { canaryMetadata: canaryMeta, stableMetadata: stableMeta } };
    const hash = computePodTemplateHash(ro.spec.template ?? {});
    const newRS = aReplicaSet({ name: 'new', hash, replicas, annotations: recorded });
    if (newRS.spec?.template?.metadata !== undefined) newRS.spec.template.metadata.labels = { ...newRS.spec.template.metadata.labels, role: 'canary' };
    const pods = [podOf('p1', newRS, { app: 'ro' }), podOf('p2', newRS, { app: 'ro', role: 'canary' })];
    const ctx = new PlanContext(ro, [newRS], pods, 0);
    reconcileEphemeralMetadata(ctx);
    expect(ctx.actions.filter((a) => a.kind === 'patchReplicaSet')).toEqual([]);
    expect(patchedPods(ctx)).toEqual(patched);
  });
});
