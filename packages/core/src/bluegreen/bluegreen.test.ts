import type { V1Service } from '@kubernetes/client-node';
import type { BlueGreenStrategy, Rollout, RolloutStatus } from '@serin/api';
import { describe, expect, it } from 'vitest';
import { computePodTemplateHash } from '../hash/pod-template-hash.js';
import { ACTION } from '../rollout/plan.js';
import { aPod, aReplicaSet, aRollout } from '../rollout/test-support/builders.js';
import { BG_ACTION } from './plan.js';
import { planBlueGreenReconcile } from './reconcile-plan.js';
import { BLUE_GREEN_PAUSE, completedBlueGreenPause, decideBlueGreenPause, needsBlueGreenControllerPause } from './pause.js';
import { isSaturated, newRSNewReplicasForBlueGreen, readyForPause } from './replicas.js';
import { buildSwitchServicePatch } from './service-selector.js';
import { skipPostPromotionAnalysisRun, skipPrePromotionAnalysisRun } from './analysis.js';

const T0 = Date.parse('2026-11-27T10:00:00Z');
const noTemplates = { analysisTemplate: () => undefined, clusterAnalysisTemplate: () => undefined };

function bg(strategy: Partial<BlueGreenStrategy> = {}, status: RolloutStatus = {}, replicas = 3): Rollout {
  const ro = aRollout({ replicas, status });
  ro.spec.strategy = { blueGreen: { activeService: 'active', ...strategy } };
  return ro;
}

const active = aReplicaSet({ name: 'ro-old', hash: 'old', replicas: 3, available: 3, annotations: { 'rollout.argoproj.io/desired-replicas': '3' } });
const preview = (replicas: number, available = replicas, desired = '3') =>
  aReplicaSet({ name: 'ro-new', hash: 'new', replicas, available, annotations: { 'rollout.argoproj.io/desired-replicas': desired } });

describe('newRSNewReplicasForBlueGreen (preview size)', () => {
  it.each([
    { name: 'no previewReplicaCount → spec.replicas', strategy: {}, status: { currentPodHash: 'new', blueGreen: { activeSelector: 'old' } }, expected: 3 },
    { name: 'previewReplicaCount while old is active', strategy: { previewReplicaCount: 1 }, status: { currentPodHash: 'new', blueGreen: { activeSelector: 'old' } }, expected: 1 },
    { name: 'no active RS (first deploy) → spec.replicas', strategy: { previewReplicaCount: 1 }, status: {}, expected: 3 },
    { name: 'new RS already active → spec.replicas', strategy: { previewReplicaCount: 1 }, status: { currentPodHash: 'new', blueGreen: { activeSelector: 'new' } }, expected: 3 },
    { name: 'promoteFull ignores previewReplicaCount', strategy: { previewReplicaCount: 1 }, status: { currentPodHash: 'new', promoteFull: true, blueGreen: { activeSelector: 'old' } }, expected: 3 },
    { name: 'a template the status has not recorded → preview count', strategy: { previewReplicaCount: 1 }, status: { currentPodHash: 'other', blueGreen: { activeSelector: 'old', scaleUpPreviewCheckPoint: true } }, expected: 1 },
    { name: 'resumed past scaleUpPreviewCheckPoint → spec.replicas', strategy: { previewReplicaCount: 1 }, status: { currentPodHash: 'new', blueGreen: { activeSelector: 'old', scaleUpPreviewCheckPoint: true } }, expected: 3 },
    { name: 'checkpoint but still paused → preview count', strategy: { previewReplicaCount: 1 }, status: { currentPodHash: 'new', pauseConditions: [{ reason: 'BlueGreenPause' as const, startTime: '2026-11-27T10:00:00Z' }], blueGreen: { activeSelector: 'old', scaleUpPreviewCheckPoint: true } }, expected: 1 },
  ])('$name', ({ strategy, status, expected }) => {
    expect(newRSNewReplicasForBlueGreen(bg(strategy, status), [active, preview(0)], preview(0))).toBe(expected);
  });
});

describe('saturation and readiness', () => {
  it.each([
    { name: 'spec, annotation and available all 3', rs: preview(3), expected: true },
    { name: 'one pod not available', rs: preview(3, 2), expected: false },
    { name: 'desired-replicas annotation stale', rs: preview(3, 3, '2'), expected: false },
    { name: 'scaled to the preview count only', rs: preview(1), expected: false },
  ])('isSaturated: $name', ({ rs, expected }) => {
    expect(isSaturated(bg(), rs)).toBe(expected);
  });

  it('readyForPause holds at previewReplicaCount when fully available', () => {
    const ro = bg({ previewReplicaCount: 1 }, { currentPodHash: 'new', blueGreen: { activeSelector: 'old' } });
    expect(readyForPause(ro, preview(1), [active, preview(1)])).toBe(true);
    expect(readyForPause(ro, preview(1, 0), [active, preview(1, 0)])).toBe(false);
  });
});

describe('buildSwitchServicePatch', () => {
  const svc = (selector: Record<string, string>, managed?: string) => ({ metadata: { name: 'active', ...(managed === undefined ? {} : { annotations: { 'argo-rollouts.argoproj.io/managed-by-rollouts': managed } }) }, spec: { selector } });
  it.each([
    { name: 'unmanaged → selector + managed-by annotation', service: svc({ app: 'ro' }), expected: { metadata: { annotations: { 'argo-rollouts.argoproj.io/managed-by-rollouts': 'ro' } }, spec: { selector: { 'rollouts-pod-template-hash': 'new' } } } },
    { name: 'managed, other hash → selector only', service: svc({ app: 'ro', 'rollouts-pod-template-hash': 'old' }, 'ro'), expected: { spec: { selector: { 'rollouts-pod-template-hash': 'new' } } } },
    { name: 'managed, already on the hash → no write', service: svc({ app: 'ro', 'rollouts-pod-template-hash': 'new' }, 'ro'), expected: undefined },
  ])('$name', ({ service, expected }) => {
    expect(buildSwitchServicePatch(service, 'new', 'ro')).toEqual(expected);
  });
});

describe('blue-green pause', () => {
  const pausedAt = (startTime: string) => ({ pauseConditions: [{ reason: 'BlueGreenPause' as const, startTime }], controllerPause: true });
  it.each([
    { name: 'default (auto-promotion, no seconds) → no controller pause', strategy: {}, expected: false },
    { name: 'autoPromotionEnabled false', strategy: { autoPromotionEnabled: false }, expected: true },
    { name: 'autoPromotionSeconds 30', strategy: { autoPromotionSeconds: 30 }, expected: true },
  ])('needsBlueGreenControllerPause: $name', ({ strategy, expected }) => {
    expect(needsBlueGreenControllerPause(bg(strategy))).toBe(expected);
  });

  it.each([
    { name: 'auto-promotion without seconds', strategy: {}, status: {}, now: T0, expected: true },
    { name: 'autoPromotionSeconds not yet elapsed', strategy: { autoPromotionSeconds: 20 }, status: pausedAt('2026-11-27T10:00:00Z'), now: T0 + 20_000, expected: false },
    { name: 'autoPromotionSeconds elapsed (strictly after)', strategy: { autoPromotionSeconds: 20 }, status: pausedAt('2026-11-27T10:00:00Z'), now: T0 + 20_001, expected: true },
    { name: 'manual: still paused', strategy: { autoPromotionEnabled: false }, status: pausedAt('2026-11-27T10:00:00Z'), now: T0, expected: false },
    { name: 'manual: promoted (condition removed, controllerPause kept)', strategy: { autoPromotionEnabled: false }, status: { controllerPause: true }, now: T0, expected: true },
    { name: 'preview checkpoint passed', strategy: { autoPromotionEnabled: false }, status: { blueGreen: { scaleUpPreviewCheckPoint: true } }, now: T0, expected: true },
  ])('completedBlueGreenPause: $name', ({ strategy, status, now, expected }) => {
    expect(completedBlueGreenPause(bg(strategy, status), false, now)).toBe(expected);
  });

  const input = (strategy: Partial<BlueGreenStrategy>, status: RolloutStatus, extra: Partial<Parameters<typeof decideBlueGreenPause>[0]> = {}) => ({
    rollout: bg(strategy, status),
    activeSelector: 'old',
    newRSHash: 'new',
    fastRollback: false,
    nowMs: T0,
    readyForPause: true,
    haltReason: '',
    completedPrePromotionAnalysis: true,
    ...extra,
  });
  it.each([
    { name: 'manual promotion, preview ready → Add', args: input({ autoPromotionEnabled: false }, {}), expected: BLUE_GREEN_PAUSE.Add },
    { name: 'preview not ready → None', args: input({ autoPromotionEnabled: false }, {}, { readyForPause: false }), expected: BLUE_GREEN_PAUSE.None },
    { name: 'aborted → None', args: input({ autoPromotionEnabled: false }, { abort: true }), expected: BLUE_GREEN_PAUSE.None },
    { name: 'first deploy (no active hash) → Remove', args: input({ autoPromotionEnabled: false }, {}, { activeSelector: '' }), expected: BLUE_GREEN_PAUSE.Remove },
    { name: 'pre-promotion analysis incomplete → None', args: input({ autoPromotionEnabled: false }, {}, { completedPrePromotionAnalysis: false }), expected: BLUE_GREEN_PAUSE.None },
    { name: 'already paused, waiting for a human → Waiting', args: input({ autoPromotionEnabled: false }, pausedAt('2026-11-27T10:00:00Z')), expected: BLUE_GREEN_PAUSE.Waiting },
    { name: 'human resumed (controllerPause, no condition) → None', args: input({ autoPromotionEnabled: false }, { controllerPause: true }), expected: BLUE_GREEN_PAUSE.None },
    { name: 'auto-promotion default → Remove', args: input({}, {}), expected: BLUE_GREEN_PAUSE.Remove },
  ])('decideBlueGreenPause: $name', ({ args, expected }) => {
    expect(decideBlueGreenPause(args)).toBe(expected);
  });
});

describe('pre/post-promotion analysis skipping', () => {
  const analysis = { templates: [{ templateName: 't' }] };
  it.each([
    { name: 'preview saturated, active on old → run', status: { stableRS: 'old', blueGreen: { activeSelector: 'old' } }, rs: preview(3), expected: false },
    { name: 'preview not saturated yet → skip', status: { stableRS: 'old', blueGreen: { activeSelector: 'old' } }, rs: preview(3, 1), expected: true },
    { name: 'already active → skip', status: { stableRS: 'old', blueGreen: { activeSelector: 'new' } }, rs: preview(3), expected: true },
    { name: 'first deploy (no active selector) → skip', status: {}, rs: preview(3), expected: true },
  ])('skipPrePromotionAnalysisRun: $name', ({ status, rs, expected }) => {
    expect(skipPrePromotionAnalysisRun(bg({ prePromotionAnalysis: analysis }, status), rs, undefined)).toBe(expected);
  });

  it.each([
    { name: 'active switched, not yet stable → run', status: { stableRS: 'old', blueGreen: { activeSelector: 'new' } }, expected: false },
    { name: 'active still on old → skip', status: { stableRS: 'old', blueGreen: { activeSelector: 'old' } }, expected: true },
    { name: 'already stable → skip', status: { stableRS: 'new', blueGreen: { activeSelector: 'new' } }, expected: true },
  ])('skipPostPromotionAnalysisRun: $name', ({ status, expected }) => {
    expect(skipPostPromotionAnalysisRun(bg({ postPromotionAnalysis: analysis }, status), preview(3), undefined)).toBe(expected);
  });
});

describe('planBlueGreenReconcile: restartAt', () => {
  // parity: argo-rollouts rollout/bluegreen.go rolloutBlueGreen (podRestarter.Reconcile, then the reconcile goes on;
  //         only rollout/canary.go rolloutCanary returns early after restarting pods)
  it('evicts the pods older than restartAt and, in the same plan, switches the active Service to the saturated new ReplicaSet', () => {
    const restartAt = '2026-11-27T09:59:00Z';
    const rollout = bg({ autoPromotionEnabled: false }, { controllerPause: true, stableRS: 'old' });
    rollout.spec.restartAt = restartAt;
    const hash = computePodTemplateHash(rollout.spec.template ?? {});
    rollout.status = { ...rollout.status, currentPodHash: hash };
    const rs = [
      aReplicaSet({ name: 'ro-old', hash: 'old', revision: 1, replicas: 3, available: 3, annotations: { 'rollout.argoproj.io/desired-replicas': '3' } }),
      aReplicaSet({ name: `ro-${hash}`, hash, revision: 2, replicas: 3, available: 3, annotations: { 'rollout.argoproj.io/desired-replicas': '3' } }),
    ];
    const svc = (name: string, selector: string): V1Service => ({ metadata: { name, namespace: 'ns' }, spec: { selector: { app: 'ro', 'rollouts-pod-template-hash': selector } } });
    // 6 ready pods, spec 3 + 3: one may be evicted (maxUnavailable 1)
    const pods = [...['a', 'b', 'c'].map((n) => aPod(`ro-old-${n}`, '2026-11-27T08:00:00Z')), ...['a', 'b', 'c'].map((n) => aPod(`ro-${hash}-${n}`, '2026-11-27T09:00:00Z'))];
    const plan = planBlueGreenReconcile({ rollout, replicaSets: rs, pods, nowMs: T0, services: new Map([['active', svc('active', 'old')]]), analysisRuns: [], templates: noTemplates });
    const kinds = plan.actions.map((a) => (a.kind === BG_ACTION.PatchService ? `${a.kind} ${a.name} ${JSON.stringify(a.patch)}` : a.kind === ACTION.EvictPod ? `${a.kind} ${a.name}` : a.kind));
    expect(kinds.filter((k) => k.startsWith('evictPod'))).toEqual(['evictPod ro-old-a']);
    expect(kinds.filter((k) => k.startsWith('patchService active'))).toEqual([expect.stringContaining(`"rollouts-pod-template-hash":"${hash}"`)]);
  });
});
