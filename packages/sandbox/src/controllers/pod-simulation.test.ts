import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.js';
import type { PodPlan } from './pod-simulation.js';
import { conditionStatus, containerPhase, PodBehaviour, planPod, simulatePodStatus } from './pod-simulation.js';

const pod = (o: { image?: string; command?: string[]; args?: string[]; restartPolicy?: string; gates?: string[]; conditions?: unknown[] } = {}): KubeObject => ({
  metadata: { name: 'p', namespace: 'default', uid: 'u-1' },
  spec: {
    ...(o.restartPolicy !== undefined ? { restartPolicy: o.restartPolicy } : {}),
    ...(o.gates !== undefined ? { readinessGates: o.gates.map((conditionType) => ({ conditionType })) } : {}),
    containers: [{ name: 'main', image: o.image ?? 'nginx:1.25', ...(o.command !== undefined ? { command: o.command } : {}), ...(o.args !== undefined ? { args: o.args } : {}) }],
  },
  ...(o.conditions !== undefined ? { status: { conditions: o.conditions } } : {}),
});

describe('planPod', () => {
  it.each([
    { name: 'plain image', pod: pod(), want: { behaviour: PodBehaviour.Normal } },
    { name: 'does-not-exist in the tag', pod: pod({ image: 'nginx:does-not-exist' }), want: { behaviour: PodBehaviour.ImagePullBackOff } },
    { name: 'crash in the name', pod: pod({ image: 'argoproj/rollouts-demo:crash' }), want: { behaviour: PodBehaviour.CrashLoop } },
    { name: 'slow-start', pod: pod({ image: 'example/slow-start:1' }), want: { behaviour: PodBehaviour.SlowStart } },
    { name: 'exit 0 with restartPolicy Never', pod: pod({ restartPolicy: 'Never', command: ['sh', '-c', 'echo ok; exit 0'] }), want: { behaviour: PodBehaviour.RunToCompletion, exitCode: 0, runMs: 0 } },
    { name: 'sleep then exit 2 in args', pod: pod({ restartPolicy: 'OnFailure', command: ['sh', '-c'], args: ['sleep 3; exit 2'] }), want: { behaviour: PodBehaviour.RunToCompletion, exitCode: 2, runMs: 3000 } },
    { name: 'sleep only exits 0', pod: pod({ restartPolicy: 'Never', command: ['sleep', '1.5'] }), want: { behaviour: PodBehaviour.RunToCompletion, exitCode: 0, runMs: 1500 } },
    { name: 'exit under restartPolicy Always keeps running', pod: pod({ command: ['sh', '-c', 'exit 1'] }), want: { behaviour: PodBehaviour.Normal } },
  ])('$name', ({ pod: p, want }) => {
    expect(planPod(p)).toEqual(want);
  });
});

describe('containerPhase (delay d = 100 ms)', () => {
  const normal: PodPlan = { behaviour: PodBehaviour.Normal };
  it.each([
    { name: 'normal, before d', plan: normal, at: 40, want: { phase: { kind: 'creating' }, nextInMs: 60 } },
    { name: 'normal, at d', plan: normal, at: 100, want: { phase: { kind: 'running', ready: true } } },
    { name: 'slow start, at 4d', plan: { behaviour: PodBehaviour.SlowStart }, at: 400, want: { phase: { kind: 'creating' }, nextInMs: 100 } },
    { name: 'slow start, at 5d', plan: { behaviour: PodBehaviour.SlowStart }, at: 500, want: { phase: { kind: 'running', ready: true } } },
    { name: 'image pull back-off', plan: { behaviour: PodBehaviour.ImagePullBackOff }, at: 10_000, want: { phase: { kind: 'pullBackOff' } } },
    { name: 'crash, first restart at d', plan: { behaviour: PodBehaviour.CrashLoop }, at: 100, want: { phase: { kind: 'crashLoop', restarts: 1 }, nextInMs: 100 } },
    { name: 'crash, third restart at 4d', plan: { behaviour: PodBehaviour.CrashLoop }, at: 450, want: { phase: { kind: 'crashLoop', restarts: 3 }, nextInMs: 350 } },
    { name: 'job, running until d + run', plan: { behaviour: PodBehaviour.RunToCompletion, exitCode: 1, runMs: 1000 }, at: 600, want: { phase: { kind: 'running', ready: true }, nextInMs: 500 } },
    { name: 'job, terminated after', plan: { behaviour: PodBehaviour.RunToCompletion, exitCode: 1, runMs: 1000 }, at: 1100, want: { phase: { kind: 'terminated', exitCode: 1 } } },
  ])('$name', ({ plan, at, want }) => {
    expect(containerPhase(plan, at, 100)).toEqual(want);
  });
});

describe('simulatePodStatus', () => {
  const base = { readyDelayMs: 100, startedAtMs: Date.parse('2026-01-01T00:00:00Z'), now: '2026-01-01T00:00:01Z', podIP: '10.244.0.1', hostIP: '172.18.0.2' };

  it('is idempotent: re-simulating its own output at the same instant changes nothing', () => {
    for (const image of ['nginx', 'x/crash', 'x:does-not-exist']) {
      const p = pod({ image });
      const first = simulatePodStatus({ ...base, pod: p, plan: planPod(p), elapsedMs: 1000 });
      const again = simulatePodStatus({ ...base, now: '2026-01-01T00:00:09Z', pod: { ...p, status: first.status }, plan: planPod(p), elapsedMs: 1000 });
      expect(again.status).toEqual(first.status);
    }
  });

  it('keeps Ready False for an unmet readiness gate and keeps conditions it does not own', () => {
    const gate = 'argoproj.io/e2e-readiness';
    const waiting = pod({ gates: [gate] });
    const s1 = simulatePodStatus({ ...base, pod: waiting, plan: planPod(waiting), elapsedMs: 200 }).status;
    const withStatus = { ...waiting, status: s1 };
    expect(conditionStatus(withStatus, 'ContainersReady')).toBe('True');
    expect(conditionStatus(withStatus, 'Ready')).toBe('False');
    const opened = pod({ gates: [gate], conditions: [...(s1['conditions'] as unknown[]), { type: gate, status: 'True' }] });
    const s2 = simulatePodStatus({ ...base, pod: opened, plan: planPod(opened), elapsedMs: 200 }).status;
    const after = { ...opened, status: s2 };
    expect(conditionStatus(after, 'Ready')).toBe('True');
    expect(conditionStatus(after, gate)).toBe('True');
  });

  it('reports a finished job pod as Succeeded or Failed with the exit code', () => {
    for (const [code, phase, reason] of [
      [0, 'Succeeded', 'Completed'],
      [3, 'Failed', 'Error'],
    ] as const) {
      const p = pod({ restartPolicy: 'Never', command: ['sh', '-c', `exit ${code}`] });
      const s = simulatePodStatus({ ...base, pod: p, plan: planPod(p), elapsedMs: 200 }).status;
      expect(s['phase']).toBe(phase);
      expect(s['containerStatuses']).toMatchObject([{ ready: false, state: { terminated: { exitCode: code, reason } } }]);
    }
  });
});

describe('simulatePodStatus keeps server-set fields', () => {
  it('keeps the QoS class the API server computed', () => {
    const p: KubeObject = { ...pod(), status: { phase: 'Pending', qosClass: 'Burstable' } };
    const s = simulatePodStatus({ pod: p, plan: planPod(p), elapsedMs: 500, readyDelayMs: 100, startedAtMs: 0, now: '2026-01-01T00:00:00Z', podIP: '10.244.0.1', hostIP: '172.18.0.2' });
    expect(s.status['qosClass']).toBe('Burstable');
  });
});
