import { describe, expect, it } from 'vitest';
import type { PodTemplateMetadata } from '@serin/api';
import { computePodTemplateHash } from '../hash/pod-template-hash.js';
import { CREATE_CONFLICT, buildNewReplicaSet, decideCreateConflict, ephemeralMetadataJson, injectedAntiAffinityNeedsUpdate, replicasAnnotationsNeedUpdate, syncNewReplicaSetAnnotations } from './new-replica-set.js';
import { aReplicaSet, aRollout } from './test-support/builders.js';

describe('buildNewReplicaSet', () => {
  const rollout = aRollout({
    replicas: 3,
    minReadySeconds: 5,
    annotations: {
      team: 'web',
      'rollout.argoproj.io/revision': '7',
      'rollout.argoproj.io/revision-history': '1',
      'rollout.argoproj.io/desired-replicas': '9',
      'kubectl.kubernetes.io/last-applied-configuration': '{}',
      'notified.notifications.argoproj.io': '{}',
    },
  });
  const hash = computePodTemplateHash(rollout.spec.template ?? {});
  const rs = buildNewReplicaSet({ rollout, revision: 8, hasDistinctStable: false });

  it('is named <rollout>-<hash>, labelled with the hash on labels, selector and template', () => {
    expect(rs.metadata?.name).toBe(`ro-${hash}`);
    expect(rs.metadata?.labels).toEqual({ app: 'ro', 'rollouts-pod-template-hash': hash });
    expect(rs.spec?.selector.matchLabels).toEqual({ app: 'ro', 'rollouts-pod-template-hash': hash });
    expect(rs.spec?.template?.metadata?.labels).toEqual({ app: 'ro', 'rollouts-pod-template-hash': hash });
  });

  it('copies rollout annotations except the excluded ones, and sets revision and desired-replicas', () => {
    expect(rs.metadata?.annotations).toEqual({ team: 'web', 'rollout.argoproj.io/revision': '8', 'rollout.argoproj.io/desired-replicas': '3' });
  });

  it('starts at 0 replicas, controlled by the rollout, with its minReadySeconds', () => {
    expect(rs.spec?.replicas).toBe(0);
    expect(rs.spec?.minReadySeconds).toBe(5);
    expect(rs.metadata?.ownerReferences).toEqual([{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'ro', uid: 'ro-uid', controller: true, blockOwnerDeletion: true }]);
  });

  it('does not change the rollout it was built from', () => {
    expect(rollout.spec.template?.metadata?.labels).toEqual({ app: 'ro' });
  });

  it.each([
    { name: 'first RS gets stableMetadata', hasDistinctStable: false, labels: { role: 'stable' } },
    { name: 'canary RS gets canaryMetadata', hasDistinctStable: true, labels: { role: 'canary' } },
  ])('ephemeral metadata: $name', ({ hasDistinctStable, labels }) => {
    const ro = aRollout();
    ro.spec.strategy = { canary: { canaryMetadata: { labels: { role: 'canary' } }, stableMetadata: { labels: { role: 'stable' } } } };
    const built = buildNewReplicaSet({ rollout: ro, revision: 1, hasDistinctStable });
    expect(built.spec?.template?.metadata?.labels).toMatchObject(labels);
    expect(built.metadata?.annotations?.['rollout.argoproj.io/ephemeral-metadata']).toBe(JSON.stringify({ labels }));
    expect(built.metadata?.labels?.['role']).toBeUndefined();
  });

  it('injects a preferred anti-affinity term against the stable hash while updating', () => {
    const ro = aRollout({ status: { stableRS: 'stablehash' } });
    ro.spec.strategy = { canary: { antiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: { weight: 40 } } } };
    const built = buildNewReplicaSet({ rollout: ro, revision: 2, hasDistinctStable: true });
    expect(built.spec?.template?.spec?.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution).toEqual([
      {
        weight: 40,
        podAffinityTerm: {
          labelSelector: { matchExpressions: [{ key: 'rollouts-pod-template-hash', operator: 'In', values: ['stablehash'] }] },
          namespaces: ['ns'],
          topologyKey: 'kubernetes.io/hostname',
        },
      },
    ]);
  });
});

describe('ephemeralMetadataJson', () => {
  it.each<{ name: string; md: PodTemplateMetadata; json: string }>([
    { name: 'labels then annotations, keys sorted', md: { annotations: { b: '2', a: '1' }, labels: { z: 'z' } }, json: '{"labels":{"z":"z"},"annotations":{"a":"1","b":"2"}}' },
    { name: 'empty maps omitted', md: { labels: {} }, json: '{}' },
  ])('$name', ({ md, json }) => {
    expect(ephemeralMetadataJson(md)).toBe(json);
  });
});

describe('syncNewReplicaSetAnnotations', () => {
  it.each([
    { name: 'in sync → nothing', rs: { revision: 3 }, newRevision: 3, annotations: undefined },
    { name: 'older revision → bumped, old one recorded in history', rs: { revision: 1 }, newRevision: 3, annotations: { 'rollout.argoproj.io/revision': '3', 'rollout.argoproj.io/revision-history': '1' } },
    { name: 'history appended', rs: { revision: 3, annotations: { 'rollout.argoproj.io/revision-history': '1' } }, newRevision: 5, annotations: { 'rollout.argoproj.io/revision': '5', 'rollout.argoproj.io/revision-history': '1,3' } },
    { name: 'never lowered', rs: { revision: 6 }, newRevision: 5, annotations: undefined },
    { name: 'unparsable revision left alone', rs: { revision: 'x' }, newRevision: 5, annotations: undefined },
  ])('$name', ({ rs, newRevision, annotations }) => {
    const result = syncNewReplicaSetAnnotations(aRollout(), aReplicaSet({ name: 'r', ...rs }), newRevision);
    expect(result.annotations).toEqual(annotations);
  });

  it('reports minReadySeconds drift', () => {
    expect(syncNewReplicaSetAnnotations(aRollout({ minReadySeconds: 10 }), aReplicaSet({ name: 'r', revision: 1 }), 1).minReadySeconds).toBe(10);
  });
});

describe('replicasAnnotationsNeedUpdate', () => {
  it.each<{ name: string; annotations: Record<string, string>; replicas: number; need: boolean }>([
    { name: 'matches', annotations: { 'rollout.argoproj.io/desired-replicas': '4' }, replicas: 4, need: false },
    { name: 'differs', annotations: { 'rollout.argoproj.io/desired-replicas': '3' }, replicas: 4, need: true },
    { name: 'missing', annotations: {}, replicas: 4, need: true },
    { name: 'scale-down deadline left at 0', annotations: { 'rollout.argoproj.io/desired-replicas': '0', 'scale-down-deadline': '2026-01-01T00:00:00Z' }, replicas: 0, need: true },
  ])('$name → $need', ({ annotations, replicas, need }) => {
    expect(replicasAnnotationsNeedUpdate(aReplicaSet({ name: 'r', annotations }), replicas)).toBe(need);
  });
});

describe('decideCreateConflict', () => {
  it.each([
    { name: 'ours and equal → adopt', ownerUid: 'ro-uid', equal: true, decision: CREATE_CONFLICT.Adopt },
    { name: 'ours but different template → collision', ownerUid: 'ro-uid', equal: false, decision: CREATE_CONFLICT.Collision },
    { name: 'someone else’s → collision', ownerUid: 'other', equal: true, decision: CREATE_CONFLICT.Collision },
  ])('$name', ({ ownerUid, equal, decision }) => {
    expect(decideCreateConflict(aRollout(), aReplicaSet({ name: 'r', ownerUid }), equal)).toBe(decision);
  });
});

describe('injectedAntiAffinityNeedsUpdate', () => {
  const withTerm = (hash: string) => {
    const rs = aReplicaSet({ name: 'canary', hash: 'new' });
    if (rs.spec?.template?.spec !== undefined) {
      rs.spec.template.spec.affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchExpressions: [{ key: 'rollouts-pod-template-hash', operator: 'In', values: [hash] }] }, topologyKey: 'kubernetes.io/hostname' }] } };
    }
    return rs;
  };
  it.each([
    { name: 'term names the current stable', termHash: 'stable2', stable: 'stable2', need: false },
    { name: 'term names an old stable', termHash: 'stable1', stable: 'stable2', need: true },
  ])('$name → $need', ({ termHash, stable, need }) => {
    const ro = aRollout({ status: { stableRS: stable } });
    ro.spec.strategy = { canary: { antiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: {} } } };
    expect(injectedAntiAffinityNeedsUpdate(ro, withTerm(termHash))).toBe(need);
  });
});
