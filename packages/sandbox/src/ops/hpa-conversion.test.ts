import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.js';
import { defaultHpaV2, hpaFromV1, hpaToV1 } from './hpa-conversion.js';

const ref = { kind: 'Rollout', name: 'demo', apiVersion: 'argoproj.io/v1alpha1' };
const cpu = (n: number) => ({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: n } } });
const memory = { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } };
const meta = { name: 'demo', namespace: 'default' };

describe('HorizontalPodAutoscaler v1 ↔ v2 conversion', () => {
  it.each([
    {
      name: 'targetCPUUtilizationPercentage becomes a cpu Utilization metric',
      v1: { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: meta, spec: { scaleTargetRef: ref, minReplicas: 2, maxReplicas: 5, targetCPUUtilizationPercentage: 60 } },
      v2: { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: meta, spec: { scaleTargetRef: ref, minReplicas: 2, maxReplicas: 5, metrics: [cpu(60)] } },
    },
    {
      name: 'no cpu target leaves metrics unset (defaulting adds 80 %)',
      v1: { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: meta, spec: { scaleTargetRef: ref, maxReplicas: 5 } },
      v2: { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: meta, spec: { scaleTargetRef: ref, maxReplicas: 5 } },
    },
  ])('v1 → v2: $name', ({ v1, v2 }) => {
    expect(hpaFromV1(v1 as KubeObject)).toEqual(v2);
  });

  it('v1 → v2 keeps the stored metrics and behavior v1 cannot express', () => {
    const stored: KubeObject = { apiVersion: 'autoscaling/v2', metadata: meta, spec: { scaleTargetRef: ref, maxReplicas: 5, metrics: [cpu(50), memory], behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } } };
    const v1: KubeObject = { apiVersion: 'autoscaling/v1', metadata: meta, spec: { scaleTargetRef: ref, maxReplicas: 6, targetCPUUtilizationPercentage: 70 } };
    expect(hpaFromV1(v1, stored)['spec']).toEqual({ scaleTargetRef: ref, maxReplicas: 6, metrics: [cpu(70), memory], behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } });
  });

  it('v2 → v1 serves the cpu target and current cpu utilisation, drops other metrics, behavior and conditions', () => {
    const stored: KubeObject = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: meta,
      spec: { scaleTargetRef: ref, minReplicas: 1, maxReplicas: 5, metrics: [memory, cpu(80)], behavior: {} },
      status: {
        currentReplicas: 2,
        desiredReplicas: 3,
        currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 91 } } }],
        conditions: [{ type: 'AbleToScale', status: 'True' }],
      },
    };
    expect(hpaToV1(stored)).toEqual({
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata: meta,
      spec: { scaleTargetRef: ref, minReplicas: 1, maxReplicas: 5, targetCPUUtilizationPercentage: 80 },
      status: { currentReplicas: 2, desiredReplicas: 3, currentCPUUtilizationPercentage: 91 },
    });
  });

  it.each([
    { name: 'no metrics, no minReplicas', spec: { maxReplicas: 3 }, expected: { maxReplicas: 3, minReplicas: 1, metrics: [cpu(80)] } },
    { name: 'explicit values kept', spec: { maxReplicas: 3, minReplicas: 2, metrics: [memory] }, expected: { maxReplicas: 3, minReplicas: 2, metrics: [memory] } },
  ])('v2 defaulting: $name', ({ spec, expected }) => {
    expect(defaultHpaV2({ metadata: meta, spec })['spec']).toEqual(expected);
  });
});
