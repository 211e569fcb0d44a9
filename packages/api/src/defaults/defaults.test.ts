import { describe, expect, it } from 'vitest';
import type { Experiment } from '../types/experiment.js';
import type { Metric } from '../types/analysis-template.js';
import { aRollout } from '../test-support/builders.js';
import {
  getAbortScaleDownDelaySecondsOrDefault,
  getAnalysisRunSuccessfulHistoryLimitOrDefault,
  getAnalysisRunUnsuccessfulHistoryLimitOrDefault,
  getAutoPromotionEnabledOrDefault,
  getCanaryIngressAnnotationPrefixOrDefault,
  getConsecutiveErrorLimitOrDefault,
  getExperimentProgressDeadlineSecondsOrDefault,
  getExperimentScaleDownDelaySecondsOrDefault,
  getExperimentTemplateReplicasOrDefault,
  getMaxSurgeOrDefault,
  getMaxTrafficWeightOrDefault,
  getMaxUnavailableOrDefault,
  getProgressDeadlineSecondsOrDefault,
  getReplicasOrDefault,
  getRevisionHistoryLimitOrDefault,
  getScaleDownDelaySecondsOrDefault,
  getWebMetricTimeoutSecondsOrDefault,
  hasExplicitAbortScaleDownDelay,
  intOrStringValue,
} from './defaults.js';

const istio = { istio: { virtualService: { name: 'vs' } } };

describe('rollout-level defaults', () => {
  it.each([
    { name: 'replicas unset → 1', value: getReplicasOrDefault(aRollout()), expected: 1 },
    { name: 'replicas 0 is kept', value: getReplicasOrDefault(aRollout({ replicas: 0 })), expected: 0 },
    { name: 'replicas 5', value: getReplicasOrDefault(aRollout({ replicas: 5 })), expected: 5 },
    { name: 'revisionHistoryLimit unset → 10', value: getRevisionHistoryLimitOrDefault(aRollout()), expected: 10 },
    {
      name: 'revisionHistoryLimit 0 is kept',
      value: getRevisionHistoryLimitOrDefault(aRollout({ spec: { revisionHistoryLimit: 0 } })),
      expected: 0,
    },
    { name: 'progressDeadlineSeconds unset → 600', value: getProgressDeadlineSecondsOrDefault(aRollout()), expected: 600 },
    {
      name: 'progressDeadlineSeconds 30',
      value: getProgressDeadlineSecondsOrDefault(aRollout({ spec: { progressDeadlineSeconds: 30 } })),
      expected: 30,
    },
    { name: 'successful run history → 5', value: getAnalysisRunSuccessfulHistoryLimitOrDefault(aRollout()), expected: 5 },
    {
      name: 'unsuccessful run history → 5',
      value: getAnalysisRunUnsuccessfulHistoryLimitOrDefault(aRollout()),
      expected: 5,
    },
    {
      name: 'successful run history explicit 2',
      value: getAnalysisRunSuccessfulHistoryLimitOrDefault(aRollout({ spec: { analysis: { successfulRunHistoryLimit: 2 } } })),
      expected: 2,
    },
    { name: 'maxTrafficWeight unset → 100', value: getMaxTrafficWeightOrDefault(aRollout()), expected: 100 },
    {
      name: 'maxTrafficWeight 1000',
      value: getMaxTrafficWeightOrDefault(aRollout({ canary: { trafficRouting: { maxTrafficWeight: 1000 } } })),
      expected: 1000,
    },
  ])('$name', ({ value, expected }) => {
    expect(value).toBe(expected);
  });
});

describe('maxSurge / maxUnavailable default to the string "25"', () => {
  it.each([
    { name: 'canary unset', rollout: aRollout(), surge: '25', unavailable: '25' },
    { name: 'canary explicit', rollout: aRollout({ canary: { maxSurge: 1, maxUnavailable: '10%' } }), surge: 1, unavailable: '10%' },
    { name: 'blue-green unset', rollout: aRollout({ blueGreen: { activeService: 'a' } }), surge: '25', unavailable: '25' },
    {
      name: 'blue-green maxUnavailable 0',
      rollout: aRollout({ blueGreen: { activeService: 'a', maxUnavailable: 0 } }),
      surge: '25',
      unavailable: 0,
    },
  ])('$name', ({ rollout, surge, unavailable }) => {
    expect(getMaxSurgeOrDefault(rollout)).toStrictEqual(surge);
    expect(getMaxUnavailableOrDefault(rollout)).toStrictEqual(unavailable);
  });
});

describe('scaleDownDelaySeconds', () => {
  it.each([
    { name: 'basic canary ignores the field → 0', rollout: aRollout({ canary: { scaleDownDelaySeconds: 60 } }), expected: 0 },
    { name: 'traffic-routed canary unset → 30', rollout: aRollout({ canary: { trafficRouting: istio } }), expected: 30 },
    {
      name: 'traffic-routed canary explicit 5',
      rollout: aRollout({ canary: { trafficRouting: istio, scaleDownDelaySeconds: 5 } }),
      expected: 5,
    },
    { name: 'blue-green unset → 30', rollout: aRollout({ blueGreen: { activeService: 'a' } }), expected: 30 },
    {
      name: 'blue-green explicit 0',
      rollout: aRollout({ blueGreen: { activeService: 'a', scaleDownDelaySeconds: 0 } }),
      expected: 0,
    },
  ])('$name', ({ rollout, expected }) => {
    expect(getScaleDownDelaySecondsOrDefault(rollout)).toBe(expected);
  });
});

describe('abortScaleDownDelaySeconds', () => {
  it.each([
    { name: 'basic canary → immediately', rollout: aRollout({ canary: { abortScaleDownDelaySeconds: 60 } }), delay: 0, explicit: false, hasDelay: false },
    { name: 'traffic-routed canary unset → 30', rollout: aRollout({ canary: { trafficRouting: istio } }), delay: 30, explicit: false, hasDelay: false },
    {
      name: 'traffic-routed canary explicit 0 → never',
      rollout: aRollout({ canary: { trafficRouting: istio, abortScaleDownDelaySeconds: 0 } }),
      delay: null,
      explicit: true,
      hasDelay: false,
    },
    {
      name: 'traffic-routed canary explicit 10',
      rollout: aRollout({ canary: { trafficRouting: istio, abortScaleDownDelaySeconds: 10 } }),
      delay: 10,
      explicit: true,
      hasDelay: true,
    },
    { name: 'blue-green unset → 30', rollout: aRollout({ blueGreen: { activeService: 'a' } }), delay: 30, explicit: false, hasDelay: false },
    {
      name: 'blue-green explicit 0 → never',
      rollout: aRollout({ blueGreen: { activeService: 'a', abortScaleDownDelaySeconds: 0 } }),
      delay: null,
      explicit: true,
      hasDelay: false,
    },
  ])('$name', ({ rollout, delay, explicit, hasDelay }) => {
    expect(getAbortScaleDownDelaySecondsOrDefault(rollout)).toStrictEqual({ delaySeconds: delay, explicit });
    expect(hasExplicitAbortScaleDownDelay(rollout)).toBe(hasDelay);
  });
});

describe('blue-green and router defaults', () => {
  it.each([
    { name: 'canary → true', rollout: aRollout(), expected: true },
    { name: 'blue-green unset → true', rollout: aRollout({ blueGreen: { activeService: 'a' } }), expected: true },
    {
      name: 'blue-green false',
      rollout: aRollout({ blueGreen: { activeService: 'a', autoPromotionEnabled: false } }),
      expected: false,
    },
  ])('autoPromotionEnabled: $name', ({ rollout, expected }) => {
    expect(getAutoPromotionEnabledOrDefault(rollout)).toBe(expected);
  });

  it.each([
    { name: 'no nginx', rollout: aRollout(), expected: 'nginx.ingress.kubernetes.io' },
    { name: 'empty prefix', rollout: aRollout({ canary: { trafficRouting: { nginx: { annotationPrefix: '' } } } }), expected: 'nginx.ingress.kubernetes.io' },
    { name: 'custom prefix', rollout: aRollout({ canary: { trafficRouting: { nginx: { annotationPrefix: 'custom.io' } } } }), expected: 'custom.io' },
  ])('nginx annotation prefix: $name', ({ rollout, expected }) => {
    expect(getCanaryIngressAnnotationPrefixOrDefault(rollout)).toBe(expected);
  });
});

describe('experiment and metric defaults', () => {
  const experiment = (spec: Partial<Experiment['spec']>): Experiment => ({ spec: { templates: [], ...spec } });
  it.each([
    { name: 'experiment progressDeadlineSeconds → 600', value: getExperimentProgressDeadlineSecondsOrDefault(experiment({})), expected: 600 },
    { name: 'experiment scaleDownDelaySeconds → 30', value: getExperimentScaleDownDelaySecondsOrDefault(experiment({})), expected: 30 },
    {
      name: 'experiment scaleDownDelaySeconds explicit 0',
      value: getExperimentScaleDownDelaySecondsOrDefault(experiment({ scaleDownDelaySeconds: 0 })),
      expected: 0,
    },
    { name: 'experiment template replicas → 1', value: getExperimentTemplateReplicasOrDefault({ name: 't', selector: {}, template: {} }), expected: 1 },
    { name: 'web timeout unset → 10', value: getWebMetricTimeoutSecondsOrDefault({ url: 'u' }), expected: 10 },
    { name: 'web timeout 0 → 10', value: getWebMetricTimeoutSecondsOrDefault({ url: 'u', timeoutSeconds: 0 }), expected: 10 },
    { name: 'web timeout 3', value: getWebMetricTimeoutSecondsOrDefault({ url: 'u', timeoutSeconds: 3 }), expected: 3 },
  ])('$name', ({ value, expected }) => {
    expect(value).toBe(expected);
  });

  const metric = (consecutiveErrorLimit?: number | string): Metric => ({
    name: 'm',
    provider: { web: { url: 'u' } },
    ...(consecutiveErrorLimit === undefined ? {} : { consecutiveErrorLimit }),
  });
  it.each([
    { name: 'unset → 4', metric: metric(), expected: 4 },
    { name: 'int 0', metric: metric(0), expected: 0 },
    { name: 'string "7"', metric: metric('7'), expected: 7 },
    { name: 'non-numeric string → 0 (IntValue)', metric: metric('x'), expected: 0 },
  ])('consecutiveErrorLimit: $name', ({ metric: m, expected }) => {
    expect(getConsecutiveErrorLimitOrDefault(m)).toBe(expected);
  });

  it.each([
    { name: 'number', input: 3, expected: 3 },
    { name: 'decimal string', input: '12', expected: 12 },
    { name: 'percent string', input: '25%', expected: 0 },
    { name: 'negative string', input: '-1', expected: -1 },
  ])('intOrStringValue: $name', ({ input, expected }) => {
    expect(intOrStringValue(input)).toBe(expected);
  });
});
