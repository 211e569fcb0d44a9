import { describe, expect, it } from 'vitest';
import type { V1Deployment } from '@kubernetes/client-node';
import type { Rollout, RolloutStatus } from '@serin/api';
import { desiredDeploymentReplicas, resolveWorkloadRef } from './workload-ref.js';
import { aRollout } from './test-support/builders.js';

const deployment: V1Deployment = {
  metadata: { name: 'web', generation: 7 },
  spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'web:2' }] } } },
};
const refRollout = (ref: NonNullable<Rollout['spec']['workloadRef']>, status: RolloutStatus = {}, replicas?: number): Rollout => {
  const ro = aRollout({ status });
  delete ro.spec.template;
  delete ro.spec.selector;
  if (replicas === undefined) delete ro.spec.replicas;
  else ro.spec.replicas = replicas;
  ro.spec.workloadRef = ref;
  return ro;
};

describe('resolveWorkloadRef', () => {
  it('copies template, selector and the generation annotation', () => {
    const r = resolveWorkloadRef(refRollout({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }), deployment);
    expect(r.rollout?.spec.template).toEqual(deployment.spec?.template);
    expect(r.rollout?.spec.selector).toEqual({ matchLabels: { app: 'web' } });
    expect(r.rollout?.metadata?.annotations?.['rollout.argoproj.io/workload-generation']).toBe('7');
  });

  it.each([
    { name: 'not found', ref: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, workload: undefined, error: 'deployments.apps "web" not found' },
    { name: 'unsupported kind', ref: { apiVersion: 'batch/v1', kind: 'Job', name: 'web' }, workload: deployment, error: 'workload of type batch/Job is not supported' },
  ])('$name', ({ ref, workload, error }) => {
    expect(resolveWorkloadRef(refRollout(ref), workload).error).toBe(error);
  });

  it('rejects a rollout that also has a template', () => {
    const ro = aRollout();
    ro.spec.workloadRef = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' };
    expect(resolveWorkloadRef(ro, deployment).error).toBe('template must be empty for workload reference rollout');
  });

  it('returns a rollout without workloadRef unchanged', () => {
    const ro = aRollout();
    expect(resolveWorkloadRef(ro, undefined).rollout).toBe(ro);
  });
});

describe('desiredDeploymentReplicas', () => {
  const ref = (scaleDown: 'never' | 'onsuccess' | 'progressively') => ({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', scaleDown });
  it.each([
    { name: 'onsuccess, Healthy → 0', mode: 'onsuccess' as const, scaleDown: 'onsuccess' as const, status: { phase: 'Healthy' as const }, revision: 1, from: undefined, to: undefined, want: 0 },
    { name: 'onsuccess, still progressing → leave', mode: 'onsuccess' as const, scaleDown: 'onsuccess' as const, status: { phase: 'Progressing' as const, readyReplicas: 2 }, revision: 1, from: undefined, to: undefined, want: undefined },
    { name: 'progressively, 1 of 4 ready → 3', mode: 'progressively' as const, scaleDown: 'progressively' as const, status: { phase: 'Progressing' as const, readyReplicas: 1 }, revision: 1, from: 4, to: 4, want: 3 },
    { name: 'progressively, nothing ready and no shrink → leave', mode: 'progressively' as const, scaleDown: 'progressively' as const, status: { phase: 'Progressing' as const }, revision: 1, from: 0, to: 4, want: undefined },
    { name: 'not the first revision → leave', mode: 'progressively' as const, scaleDown: 'progressively' as const, status: { phase: 'Healthy' as const }, revision: 2, from: 4, to: 4, want: undefined },
    { name: 'other mode → leave', mode: 'onsuccess' as const, scaleDown: 'never' as const, status: { phase: 'Healthy' as const }, revision: 1, from: undefined, to: undefined, want: undefined },
  ])('$name', ({ mode, scaleDown, status, revision, from, to, want }) => {
    const ro = refRollout(ref(scaleDown), status, 4);
    expect(desiredDeploymentReplicas(ro, mode, { revision, ...(from === undefined ? {} : { newRSScaledFrom: from }), ...(to === undefined ? {} : { newRSScaledTo: to }) })).toBe(want);
  });
});
