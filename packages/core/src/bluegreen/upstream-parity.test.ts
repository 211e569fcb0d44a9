/**
 * Blue-green plans checked against upstream argo-rollouts behaviour found in the blue-green audit (each row names
 * the upstream function it follows).
 */
import type { V1ReplicaSet, V1Service } from '@kubernetes/client-node';
import type { AnalysisRun, BlueGreenStrategy, Rollout, RolloutStatus } from '@serin/api';
import { describe, expect, it } from 'vitest';
import { computePodTemplateHash } from '../hash/pod-template-hash.js';
import { ACTION } from '../rollout/plan.js';
import { aReplicaSet, aRollout } from '../rollout/test-support/builders.js';
import { BG_ACTION, type BlueGreenAction } from './plan.js';
import { planBlueGreenReconcile } from './reconcile-plan.js';

const T0 = Date.parse('2026-11-27T10:00:00Z');
const noTemplates = { analysisTemplate: () => undefined, clusterAnalysisTemplate: () => undefined };

/** A blue-green rollout whose template hashes to the returned `hash` (the new RS). */
function bgRollout(strategy: Partial<BlueGreenStrategy>, status: (hash: string) => RolloutStatus, replicas = 3): { rollout: Rollout; hash: string } {
  const rollout = aRollout({ replicas });
  rollout.spec.strategy = { blueGreen: { activeService: 'active', ...strategy } };
  const hash = computePodTemplateHash(rollout.spec.template ?? {});
  rollout.status = status(hash);
  return { rollout, hash };
}

const rs = (name: string, hash: string, revision: number, replicas: number, extra: { available?: number; ready?: number; desired?: string; image?: string; annotations?: Record<string, string> } = {}): V1ReplicaSet => {
  const r = aReplicaSet({ name, hash, revision, replicas, ...(extra.image === undefined ? {} : { image: extra.image }), available: extra.available ?? replicas, annotations: { 'rollout.argoproj.io/desired-replicas': extra.desired ?? String(replicas), ...(extra.annotations ?? {}) } });
  r.status = { ...r.status, replicas: extra.available ?? replicas, readyReplicas: extra.ready ?? extra.available ?? replicas };
  return r;
};

const svc = (name: string, hash: string, managed = true): V1Service => ({
  metadata: { name, namespace: 'ns', ...(managed ? { annotations: { 'argo-rollouts.argoproj.io/managed-by-rollouts': 'ro' } } : {}) },
  spec: { selector: { app: 'ro', 'rollouts-pod-template-hash': hash } },
});

function plan(rollout: Rollout, replicaSets: V1ReplicaSet[], services: V1Service[], analysisRuns: AnalysisRun[] = []) {
  return planBlueGreenReconcile({ rollout, replicaSets, pods: [], nowMs: T0, services: new Map(services.map((s) => [s.metadata?.name ?? '', s])), analysisRuns, templates: noTemplates });
}

const statusPatch = (actions: readonly BlueGreenAction[]): Record<string, unknown> | undefined => {
  const a = actions.find((x) => x.kind === ACTION.PatchStatus);
  return a?.kind === ACTION.PatchStatus ? ((a.patch as { status?: Record<string, unknown> }).status ?? {}) : undefined;
};
const eventReasons = (actions: readonly BlueGreenAction[]): string[] => actions.flatMap((a) => (a.kind === ACTION.Event ? [a.reason] : []));

describe('scaling event (spec.replicas changed) — parity: argo-rollouts rollout/sync.go syncReplicasOnly', () => {
  // spec.replicas 3 → 5; the active Service already selects the new RS but the stored status still says `old`
  const setup = () => {
    const { rollout, hash } = bgRollout({ previewService: 'preview' }, (h) => ({
      stableRS: 'old',
      currentPodHash: h,
      readyReplicas: 2,
      blueGreen: { activeSelector: 'old', previewSelector: h },
    }), 5);
    const replicaSets = [rs('ro-old', 'old', 1, 3, { ready: 3, image: 'img:0' }), rs(`ro-${hash}`, hash, 2, 3)];
    return { rollout, hash, replicaSets, services: [svc('active', hash), svc('preview', hash)] };
  };

  it('scales the stable and new RSs to spec.replicas and switches no Service', () => {
    const { rollout, replicaSets, services } = setup();
    const actions = plan(rollout, replicaSets, services).actions;
    expect(actions.filter((a) => a.kind === BG_ACTION.PatchService)).toEqual([]);
    expect(actions.flatMap((a) => (a.kind === ACTION.PatchReplicaSet ? [a.name] : []))).toEqual(expect.arrayContaining(['ro-old']));
  });

  it('keeps the stored selectors, stable RS and ready count (no promotion, no RolloutCompleted)', () => {
    const { rollout, replicaSets, services } = setup();
    const actions = plan(rollout, replicaSets, services).actions;
    const status = statusPatch(actions) ?? {};
    expect(status['stableRS']).toBeUndefined();
    expect(status['blueGreen']).toBeUndefined();
    expect(status['readyReplicas']).toBeUndefined();
    expect(eventReasons(actions)).not.toContain('RolloutCompleted');
  });
});

describe('fast rollback to an RS inside its scale-down delay — parity: argo-rollouts rollout/sync.go isFastRollback (isWithinScaleDownDelay)', () => {
  // rev 1 → rev 2 promoted (rev 1 kept with a scale-down-deadline); the template goes back to rev 1
  const setup = (deadline: string) => {
    const { rollout, hash } = bgRollout({ previewService: 'preview', autoPromotionEnabled: false }, (h) => ({
      stableRS: 'v2',
      currentPodHash: h,
      blueGreen: { activeSelector: 'v2', previewSelector: h },
    }));
    const rev1 = rs(`ro-${hash}`, hash, 1, 3, { annotations: { 'scale-down-deadline': deadline } });
    rev1.metadata = { ...rev1.metadata, creationTimestamp: '2026-11-27T08:00:00Z' as unknown as Date };
    const rev2 = rs('ro-v2', 'v2', 2, 3, { image: 'img:2' });
    rev2.metadata = { ...rev2.metadata, creationTimestamp: '2026-11-27T09:00:00Z' as unknown as Date };
    return { rollout, hash, replicaSets: [rev1, rev2], services: [svc('active', 'v2'), svc('preview', hash)] };
  };

  it.each([
    { name: 'deadline 20 s ahead → fast rollback: active switches now, completes with "Fast rollback", no pause', deadline: '2026-11-27T10:00:20Z', fast: true },
    { name: 'deadline passed → an ordinary update: BlueGreenPause, active stays', deadline: '2026-11-27T09:59:00Z', fast: false },
  ])('$name', ({ deadline, fast }) => {
    const { rollout, hash, replicaSets, services } = setup(deadline);
    const actions = plan(rollout, replicaSets, services).actions;
    const switched = actions.some((a) => a.kind === BG_ACTION.PatchService && a.name === 'active' && JSON.stringify(a.patch).includes(hash));
    const status = statusPatch(actions) ?? {};
    const completed = actions.flatMap((a) => (a.kind === ACTION.Event && a.reason === 'RolloutCompleted' ? [a.message] : []));
    if (fast) {
      expect(switched).toBe(true);
      expect(status['stableRS']).toBe(hash);
      expect(completed).toEqual([expect.stringContaining('Fast rollback')]);
      expect(status['pauseConditions']).toBeUndefined();
    } else {
      expect(switched).toBe(false);
      expect(status['stableRS']).toBeUndefined();
      expect(completed).toEqual([]);
      expect(status['pauseConditions']).toEqual([expect.objectContaining({ reason: 'BlueGreenPause' })]);
    }
  });
});

describe('aborted preview past its abort scale-down deadline — parity: argo-rollouts rollout/sync.go scaleReplicaSet, rollout/replicaset.go reconcileNewReplicaSet', () => {
  const setup = (previewReplicas: number) => {
    const { rollout, hash } = bgRollout({ previewService: 'preview' }, (h) => ({
      stableRS: 'old',
      currentPodHash: h,
      abort: true,
      abortedAt: '2026-11-27T09:58:00Z',
      blueGreen: { activeSelector: 'old', previewSelector: h },
    }));
    const replicaSets = [
      rs('ro-old', 'old', 1, 3, { image: 'img:0' }),
      rs(`ro-${hash}`, hash, 2, previewReplicas, { available: previewReplicas, desired: '3', annotations: { 'scale-down-deadline': '2026-11-27T09:59:30Z' } }),
    ];
    return { rollout, hash, replicaSets, services: [svc('active', 'old'), svc('preview', hash)] };
  };
  const previewWrites = (actions: readonly BlueGreenAction[], name: string) => actions.flatMap((a) => (a.kind === ACTION.PatchReplicaSet && a.name === name ? [a.patch] : []));

  it('scales the preview to 0 and keeps its scale-down-deadline (no new deadline later)', () => {
    const { rollout, hash, replicaSets, services } = setup(3);
    const writes = previewWrites(plan(rollout, replicaSets, services).actions, `ro-${hash}`);
    expect(writes).toEqual([{ metadata: { annotations: { 'rollout.argoproj.io/desired-replicas': '3' } }, spec: { replicas: 0 } }]);
  });

  it('the next reconcile writes nothing to the scaled-down preview', () => {
    const { rollout, hash, replicaSets, services } = setup(0);
    expect(previewWrites(plan(rollout, replicaSets, services).actions, `ro-${hash}`)).toEqual([]);
  });
});

describe('new template with a restart pending — parity: argo-rollouts rollout/sync.go resetRolloutStatus (SetRestartedAt never reaches the persisted status)', () => {
  it.each([
    { name: 'scheduled restart (restartAt in the future)', restartAt: '2026-11-27T10:05:00Z' },
    { name: 'restart not yet carried out (restartAt in the past)', restartAt: '2026-11-27T09:55:00Z' },
  ])('$name: status.restartedAt stays unset, so the restart still happens', ({ restartAt }) => {
    const { rollout } = bgRollout({ previewService: 'preview' }, () => ({ stableRS: 'old', currentPodHash: 'old', blueGreen: { activeSelector: 'old', previewSelector: 'old' } }));
    rollout.spec.restartAt = restartAt;
    const actions = plan(rollout, [rs('ro-old', 'old', 1, 3, { image: 'img:0' })], [svc('active', 'old'), svc('preview', 'old')]).actions;
    const status = statusPatch(actions) ?? {};
    expect(status['currentPodHash']).toBeDefined();
    expect(status['restartedAt']).toBeUndefined();
  });
});

describe('referenced resources — parity: argo-rollouts rollout/controller.go getRolloutReferencedResources (InvalidSpec, nothing reconciled)', () => {
  const smoke = { apiVersion: 'argoproj.io/v1alpha1', kind: 'AnalysisTemplate', metadata: { name: 'smoke', namespace: 'ns' }, spec: { metrics: [{ name: 'm', provider: { web: { url: 'http://x' } } }] } };
  const lookup = {
    analysisTemplate: (_ns: string, name: string) => (name === 'smoke' ? (smoke as never) : undefined),
    clusterAnalysisTemplate: () => undefined,
  };
  const invalidSpec = (strategy: Partial<BlueGreenStrategy>, services: V1Service[]) => {
    const { rollout } = bgRollout({ previewService: 'preview', ...strategy }, () => ({}));
    const actions = planBlueGreenReconcile({ rollout, replicaSets: [], pods: [], nowMs: T0, services: new Map(services.map((s) => [s.metadata?.name ?? '', s])), analysisRuns: [], templates: lookup }).actions;
    const conditions = (statusPatch(actions)?.['conditions'] ?? []) as Array<{ type: string; message: string }>;
    return { created: actions.filter((a) => a.kind === ACTION.CreateReplicaSet).length, message: conditions.find((c) => c.type === 'InvalidSpec')?.message };
  };
  const prefix = 'The Rollout "ro" is invalid: ';

  it.each([
    { name: 'active and preview missing → the active Service is named first', strategy: {}, services: [], message: 'spec.strategy.blueGreen.activeService: Invalid value: "active": service "active" not found' },
    { name: 'preview missing', strategy: {}, services: [svc('active', '')], message: 'spec.strategy.blueGreen.previewService: Invalid value: "preview": service "preview" not found' },
    {
      name: 'pre-promotion AnalysisTemplate missing',
      strategy: { prePromotionAnalysis: { templates: [{ templateName: 'gone' }] } },
      services: [svc('active', ''), svc('preview', '')],
      message: "spec.strategy.blueGreen.prePromotionAnalysis.templates: Invalid value: \"gone\": AnalysisTemplate 'gone' not found",
    },
    {
      name: 'post-promotion ClusterAnalysisTemplate missing',
      strategy: { prePromotionAnalysis: { templates: [{ templateName: 'smoke' }] }, postPromotionAnalysis: { templates: [{ templateName: 'gone', clusterScope: true }] } },
      services: [svc('active', ''), svc('preview', '')],
      message: "spec.strategy.blueGreen.postPromotionAnalysis.templates: Invalid value: \"gone\": ClusterAnalysisTemplate 'gone' not found",
    },
  ])('$name', ({ strategy, services, message }) => {
    expect(invalidSpec(strategy, services)).toEqual({ created: 0, message: prefix + message });
  });

  it('existing templates and Services → the reconcile goes on (new RS created)', () => {
    expect(invalidSpec({ prePromotionAnalysis: { templates: [{ templateName: 'smoke' }] } }, [svc('active', ''), svc('preview', '')])).toEqual({ created: 1, message: undefined });
  });
});

describe('referenced analysis that cannot run — parity: argo-rollouts validation ValidateAnalysisTemplateWithType (after the Service checks)', () => {
  it('a pre-promotion template whose metric runs indefinitely is an InvalidSpec; nothing is created', () => {
    const forever = { apiVersion: 'argoproj.io/v1alpha1', kind: 'AnalysisTemplate', metadata: { name: 'forever', namespace: 'ns' }, spec: { metrics: [{ name: 'm', interval: '10s', provider: { web: { url: 'http://x' } } }] } };
    const { rollout } = bgRollout({ prePromotionAnalysis: { templates: [{ templateName: 'forever' }] } }, () => ({}));
    const actions = planBlueGreenReconcile({
      rollout,
      replicaSets: [],
      pods: [],
      nowMs: T0,
      services: new Map([['active', svc('active', '')]]),
      analysisRuns: [],
      templates: { analysisTemplate: (_ns, name) => (name === 'forever' ? (forever as never) : undefined), clusterAnalysisTemplate: () => undefined },
    }).actions;
    const conditions = (statusPatch(actions)?.['conditions'] ?? []) as Array<{ type: string; message: string }>;
    expect(actions.filter((a) => a.kind === ACTION.CreateReplicaSet)).toEqual([]);
    expect(conditions.find((c) => c.type === 'InvalidSpec')?.message).toBe(
      'The Rollout "ro" is invalid: spec.strategy.blueGreen.prePromotionAnalysis.templates: Invalid value: "forever": AnalysisTemplate forever has metric m which runs indefinitely. Invalid value for count: <nil>',
    );
  });
});

describe('scaling event with previewReplicaCount — parity: argo-rollouts rollout/bluegreen_test.go TestBlueGreenRolloutIgnoringScalingUsePreviewRSCount', () => {
  it('spec.replicas 1 → 2 while paused: the preview RS goes to previewReplicaCount (3) with desired-replicas 2', () => {
    const { rollout, hash } = bgRollout({ previewService: 'preview', previewReplicaCount: 3 }, (h) => ({
      stableRS: 'old',
      currentPodHash: h,
      controllerPause: true,
      pauseConditions: [{ reason: 'BlueGreenPause', startTime: '2026-11-27T09:59:00Z' }],
      blueGreen: { activeSelector: 'old', previewSelector: h },
    }), 2);
    const replicaSets = [rs('ro-old', 'old', 1, 2, { available: 1, desired: '2', image: 'img:0' }), rs(`ro-${hash}`, hash, 2, 1, { desired: '1' })];
    const writes = plan(rollout, replicaSets, [svc('active', 'old'), svc('preview', hash)]).actions.flatMap((a) => (a.kind === ACTION.PatchReplicaSet && a.name === `ro-${hash}` ? [a.patch] : []));
    expect(writes).toEqual([{ metadata: { annotations: { 'rollout.argoproj.io/desired-replicas': '2' } }, spec: { replicas: 3 } }]);
  });
});

// parity: argo-rollouts rollout/sync.go reconcileRevisionHistoryLimit; rollout/analysis_test.go TestDeleteAnalysisRunsAfterRSDelete
describe('revisionHistoryLimit — a deleted old ReplicaSet takes its AnalysisRuns along', () => {
  const run = (name: string, hash: string, deleting = false): AnalysisRun =>
    ({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AnalysisRun',
      metadata: { name, namespace: 'ns', labels: { 'rollouts-pod-template-hash': hash }, ...(deleting ? { deletionTimestamp: new Date(T0) } : {}) },
      spec: { metrics: [] },
      status: { phase: 'Successful' },
    }) as unknown as AnalysisRun;

  it('deletes the RS beyond the limit and its runs, not runs of kept RSs nor ones already being deleted', () => {
    const { rollout, hash } = bgRollout({ previewService: 'preview' }, (h) => ({ stableRS: h, currentPodHash: h, blueGreen: { activeSelector: h, previewSelector: h } }));
    rollout.spec.revisionHistoryLimit = 1;
    const replicaSets = [rs('ro-a', 'a', 1, 0, { image: 'img:a' }), rs('ro-b', 'b', 2, 0, { image: 'img:b' }), rs(`ro-${hash}`, hash, 3, 3)];
    const runs = [run('ro-a-1-pre', 'a'), run('ro-a-1-post', 'a', true), run('ro-b-2-pre', 'b')];
    const actions = plan(rollout, replicaSets, [svc('active', hash), svc('preview', hash)], runs).actions;
    expect(actions.flatMap((a) => (a.kind === ACTION.DeleteReplicaSet ? [a.name] : []))).toEqual(['ro-a']);
    expect(actions.flatMap((a) => (a.kind === BG_ACTION.DeleteAnalysisRun ? [a.name] : []))).toEqual(['ro-a-1-pre']);
  });
});
