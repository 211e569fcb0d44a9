import { describe, expect, it } from 'vitest';
import type { V1Service } from '@kubernetes/client-node';
import type { AnalysisTemplate, Rollout } from '@serin/api';
import type { TemplateLookup } from '../analysis/templates.js';
import type { RolloutAction } from './plan.js';
import { planRolloutReconcile } from './reconcile-plan.js';
import { aRollout } from './test-support/builders.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');

const svc = (name: string, selector: Record<string, string> = { app: 'ro' }, managedBy?: string): V1Service => ({
  metadata: { name, namespace: 'ns', ...(managedBy === undefined ? {} : { annotations: { 'argo-rollouts.argoproj.io/managed-by-rollouts': managedBy } }) },
  spec: { selector },
});

function withServices(names: { stableService?: string; canaryService?: string; pingService?: string; pongService?: string }): Rollout {
  const ro = aRollout({ replicas: 2, steps: [{ setWeight: 50 }] });
  const { pingService, pongService, ...rest } = names;
  ro.spec.strategy = { canary: { ...rest, ...(pingService === undefined ? {} : { pingPong: { pingService, pongService: pongService ?? '' } }), steps: [{ setWeight: 50 }] } };
  return ro;
}

const invalidSpecMessage = (actions: readonly RolloutAction[]): string | undefined => {
  const patch = actions.find((a) => a.kind === 'patchStatus');
  if (patch?.kind !== 'patchStatus') return undefined;
  const conditions = (patch.patch['status'] as { conditions?: Array<{ type: string; message: string }> }).conditions ?? [];
  return conditions.find((c) => c.type === 'InvalidSpec')?.message;
};

// parity: argo-rollouts rollout/controller.go getRolloutValidationErrors → getReferencedServices (a missing Service,
// in the order stable, canary, ping, pong) then validation_references.go ValidateService; rollout/canary_test.go
// TestCanaryRolloutWithInvalidCanaryServiceName
describe('planRolloutReconcile: Services a canary references', () => {
  it.each([
    {
      name: 'a missing canaryService',
      rollout: withServices({ canaryService: 'invalid-canary' }),
      services: [],
      message: 'The Rollout "ro" is invalid: spec.strategy.canary.canaryService: Invalid value: "invalid-canary": service "invalid-canary" not found',
    },
    {
      name: 'a missing Service is reported before another one\'s label mismatch',
      rollout: withServices({ stableService: 'stable', canaryService: 'canary' }),
      services: [svc('stable', { app: 'other' })],
      message: 'The Rollout "ro" is invalid: spec.strategy.canary.canaryService: Invalid value: "canary": service "canary" not found',
    },
    {
      name: 'a stableService selecting a label the pod template lacks',
      rollout: withServices({ stableService: 'stable', canaryService: 'canary' }),
      services: [svc('stable', { app: 'ro', tier: 'web' }), svc('canary')],
      message: 'The Rollout "ro" is invalid: spec.strategy.canary.stableService: Invalid value: "stable": Service "stable" has unmatch label "tier" in rollout',
    },
    {
      name: 'a canaryService managed by another Rollout',
      rollout: withServices({ stableService: 'stable', canaryService: 'canary' }),
      services: [svc('stable'), svc('canary', { app: 'ro' }, 'someone-else')],
      message: 'The Rollout "ro" is invalid: spec.strategy.canary.canaryService: Invalid value: "canary": Service "canary" is managed by another Rollout',
    },
    {
      name: 'a missing pingService',
      rollout: withServices({ pingService: 'ping', pongService: 'pong' }),
      services: [svc('pong')],
      message: 'The Rollout "ro" is invalid: spec.strategy.canary.pingPong.pingService: Invalid value: "ping": service "ping" not found',
    },
  ])('$name → InvalidSpec, nothing created, requeue in 20 s', ({ rollout, services, message }) => {
    const plan = planRolloutReconcile({ rollout, replicaSets: [], pods: [], nowMs: NOW, services: new Map(services.map((s) => [s.metadata?.name ?? '', s])) });
    expect(plan.actions.map((a) => a.kind)).toEqual(['patchStatus']);
    expect(invalidSpecMessage(plan.actions)).toBe(message);
    expect(plan.requeueAfterMs).toBe(20_000);
  });

  it('valid Services (managed by this rollout or by none): the reconcile goes on', () => {
    const rollout = withServices({ stableService: 'stable', canaryService: 'canary' });
    const services = new Map([svc('stable', { app: 'ro' }, 'ro'), svc('canary')].map((s) => [s.metadata?.name ?? '', s]));
    const plan = planRolloutReconcile({ rollout, replicaSets: [], pods: [], nowMs: NOW, services });
    expect(plan.actions[0]?.kind).toBe('createReplicaSet');
    expect(invalidSpecMessage(plan.actions)).toBeUndefined();
  });
});

// parity: argo-rollouts rollout/controller.go getReferencedRolloutAnalyses (a missing template is a field error);
// rollout/analysis_test.go TestInvalidSpecMissingClusterTemplatesBackgroundAnalysis
describe('planRolloutReconcile: AnalysisTemplates a canary references', () => {
  const lookup = (names: string[]): TemplateLookup => ({
    analysisTemplate: (_ns, name) => (names.includes(name) ? ({ metadata: { name, namespace: 'ns' }, spec: { metrics: [{ name: 'm', provider: { web: { url: 'http://m' } } }] } } as AnalysisTemplate) : undefined),
    clusterAnalysisTemplate: () => undefined,
  });
  const withAnalysisStep = (): Rollout => aRollout({ replicas: 2, steps: [{ setWeight: 50 }, { analysis: { templates: [{ templateName: 'success-rate' }] } }] });

  it('a missing step template → InvalidSpec before anything is created', () => {
    const plan = planRolloutReconcile({ rollout: withAnalysisStep(), replicaSets: [], pods: [], nowMs: NOW, analysis: { analysisRuns: [], templates: lookup([]) } });
    expect(plan.actions.map((a) => a.kind)).toEqual(['patchStatus']);
    expect(invalidSpecMessage(plan.actions)).toBe(`The Rollout "ro" is invalid: spec.strategy.canary.steps[1].analysis.templates: Invalid value: "success-rate": AnalysisTemplate 'success-rate' not found`);
  });

  it('a missing Service is reported before a missing template', () => {
    const rollout = withAnalysisStep();
    rollout.spec.strategy = { canary: { ...rollout.spec.strategy?.canary, canaryService: 'canary' } };
    const plan = planRolloutReconcile({ rollout, replicaSets: [], pods: [], nowMs: NOW, services: new Map(), analysis: { analysisRuns: [], templates: lookup([]) } });
    expect(invalidSpecMessage(plan.actions)).toBe('The Rollout "ro" is invalid: spec.strategy.canary.canaryService: Invalid value: "canary": service "canary" not found');
  });

  it('the template present: the reconcile goes on', () => {
    const plan = planRolloutReconcile({ rollout: withAnalysisStep(), replicaSets: [], pods: [], nowMs: NOW, analysis: { analysisRuns: [], templates: lookup(['success-rate']) } });
    expect(plan.actions[0]?.kind).toBe('createReplicaSet');
  });
});
