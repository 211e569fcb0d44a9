import { describe, expect, it } from 'vitest';
import type { Rollout } from '../types/rollout.js';
import { aRollout } from '../test-support/builders.js';
import { formatFieldError } from './field-error.js';
import { validateRollout } from './validate-rollout.js';

const istio = { istio: { virtualService: { name: 'vs', routes: ['primary'] } } };
const services = { canaryService: 'canary', stableService: 'stable' };

function errorsOf(rollout: Rollout): string[] {
  return validateRollout(rollout).map(formatFieldError);
}

describe('validateRollout: valid specs', () => {
  it.each([
    { name: 'basic canary', rollout: aRollout({ canary: { steps: [{ setWeight: 20 }, { pause: {} }, { pause: { duration: '10s' } }] } }) },
    { name: 'istio canary', rollout: aRollout({ canary: { ...services, trafficRouting: istio, steps: [{ setWeight: 50 }] } }) },
    { name: 'blue-green', rollout: aRollout({ blueGreen: { activeService: 'active', previewService: 'preview' } }) },
    { name: 'istio subset routing needs no services', rollout: aRollout({ canary: { trafficRouting: { istio: { virtualService: { name: 'vs' }, destinationRule: { name: 'dr', canarySubsetName: 'c', stableSubsetName: 's' } } } } }) },
    {
      name: 'workloadRef without selector or template',
      rollout: aRollout({ spec: { workloadRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'd' }, selector: undefined, template: undefined } }),
    },
    {
      name: 'header route in managedRoutes',
      rollout: aRollout({
        canary: {
          ...services,
          trafficRouting: { ...istio, managedRoutes: [{ name: 'hdr' }] },
          steps: [{ setHeaderRoute: { name: 'hdr', match: [{ headerName: 'x', headerValue: { exact: 'y' } }] } }],
        },
      }),
    },
  ])('$name has no errors', ({ rollout }) => {
    expect(errorsOf(rollout)).toStrictEqual([]);
  });
});

describe('validateRollout: upstream messages (first error is what InvalidSpec and lint report)', () => {
  it.each([
    {
      name: 'missing selector',
      rollout: aRollout({ spec: { selector: undefined } }),
      first: "spec.selector: Required value: Rollout has missing field '.spec.selector'",
    },
    {
      name: 'selector does not match template labels',
      rollout: aRollout({ spec: { selector: { matchLabels: { app: 'other' } } } }),
      first: 'spec.template.metadata.labels: Invalid value: map[string]string{"app":"guestbook"}: `selector` does not match template `labels`',
    },
    {
      name: 'maxSurge and maxUnavailable both zero',
      rollout: aRollout({ canary: { maxSurge: 0, maxUnavailable: 0 } }),
      first: 'spec.strategy.maxSurge: Invalid value: 0: MaxSurge and MaxUnavailable both can not be zero',
    },
    {
      name: 'maxSurge 0% and maxUnavailable 0',
      rollout: aRollout({ canary: { maxSurge: '0%', maxUnavailable: 0 } }),
      first: 'spec.strategy.maxSurge: Invalid value: 0%: MaxSurge and MaxUnavailable both can not be zero',
    },
    {
      name: 'both strategies',
      rollout: aRollout({ spec: { strategy: { canary: {}, blueGreen: { activeService: 'a' } } } }),
      first: 'spec.strategy.strategy: Invalid value: "blueGreen: true canary: true": Multiple Strategies can not be listed',
    },
    {
      name: 'no strategy',
      rollout: aRollout({ spec: { strategy: {} } }),
      first: "spec.strategy.strategy: Required value: Rollout has missing field '.spec.strategy.canary or .spec.strategy.blueGreen'",
    },
    {
      name: 'setWeight above 100',
      rollout: aRollout({ canary: { steps: [{ setWeight: 101 }] } }),
      first: 'spec.strategy.steps[0].setWeight: Invalid value: 101: SetWeight needs to be between 0 and 100',
    },
    {
      name: 'empty step',
      rollout: aRollout({ canary: { steps: [{ setWeight: 10 }, {}] } }),
      first:
        'spec.strategy.steps[1]: Invalid value: "step.Experiment: true step.Pause: true step.SetWeight: true step.Analysis: true step.SetCanaryScale: true step.SetHeaderRoute: true step.SetMirrorRoute: true step.Plugin: true": Step must have one of the following set: experiment, setWeight, setCanaryScale, plugin or pause',
    },
    {
      name: 'two step kinds',
      rollout: aRollout({ canary: { steps: [{ setWeight: 10, pause: {} }] } }),
      first:
        'spec.strategy.steps[0]: Invalid value: "step.Experiment: false step.Pause: true step.SetWeight: true step.Analysis: false": Step must have one of the following set: experiment, setWeight, setCanaryScale, plugin or pause',
    },
    {
      name: 'negative pause',
      rollout: aRollout({ canary: { steps: [{ pause: { duration: '-5s' } }] } }),
      first: 'spec.strategy.steps[0].pause.duration: Invalid value: -5: Duration needs to be greater than 0',
    },
    {
      name: 'unparsable pause',
      rollout: aRollout({ canary: { steps: [{ pause: { duration: '1d' } }] } }),
      first: 'spec.strategy.steps[0].pause.duration: Invalid value: -1: Duration needs to be greater than 0',
    },
    {
      name: 'same active and preview service',
      rollout: aRollout({ blueGreen: { activeService: 'svc', previewService: 'svc' } }),
      first:
        'spec.strategy.activeService: Invalid value: "svc": This rollout uses the same service for the active and preview services, but two different services are required.',
    },
    {
      name: 'same stable and canary service',
      rollout: aRollout({ canary: { canaryService: 'svc', stableService: 'svc' } }),
      first:
        'spec.strategy.stableService: Invalid value: "svc": This rollout uses the same service for the stable and canary services, but two different services are required.',
    },
    {
      name: 'traffic routing without services',
      rollout: aRollout({ canary: { trafficRouting: istio } }),
      first: 'spec.strategy.stableService: Invalid value: "": Canary service and Stable service must to be set to use Traffic Routing',
    },
    {
      name: 'setCanaryScale without traffic routing',
      rollout: aRollout({ canary: { steps: [{ setCanaryScale: { weight: 20 } }] } }),
      first: 'spec.strategy.trafficRouting: Required value: SetCanaryScale requires TrafficRouting to be set',
    },
    {
      name: 'setHeaderRoute with nginx',
      rollout: aRollout({ canary: { ...services, trafficRouting: { nginx: { stableIngress: 'ing' }, managedRoutes: [{ name: 'h' }] }, steps: [{ setHeaderRoute: { name: 'h' } }] } }),
      first: 'spec.strategy.steps[0].setHeaderRoute: Invalid value: {"name":"h"}: SetHeaderRoute requires TrafficRouting, supports Istio and ALB and Apisix',
    },
    {
      name: 'setMirrorRoute without traffic routing',
      rollout: aRollout({ canary: { steps: [{ setMirrorRoute: { name: 'm' } }] } }),
      first: 'spec.strategy.steps[0].setMirrorRoute: Invalid value: {"name":"m"}: SetMirrorRoute requires TrafficRouting, supports Istio and Plugins',
    },
    {
      name: 'header route missing from managedRoutes',
      rollout: aRollout({ canary: { ...services, trafficRouting: { ...istio, managedRoutes: [{ name: 'other' }] }, steps: [{ setHeaderRoute: { name: 'hdr' } }] } }),
      first:
        'spec.strategy.steps[0].setHeaderRoute: Invalid value: "hdr": Steps define a route that does not exist in spec.strategy.canary.trafficRouting.managedRoutes',
    },
    {
      name: 'header route without managedRoutes',
      rollout: aRollout({ canary: { ...services, trafficRouting: istio, steps: [{ setHeaderRoute: { name: 'hdr' } }] } }),
      first: "spec.strategy.trafficRouting.managedRoutes: Required value: Rollout has missing field 'spec.strategy.canary.trafficRouting.managedRoutes'",
    },
    {
      name: 'anti-affinity with both terms',
      rollout: aRollout({ canary: { antiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: { weight: 10 }, requiredDuringSchedulingIgnoredDuringExecution: {} } } }),
      first:
        'spec.strategy.antiAffinity: Invalid value: "antiAffinity.PreferredDuringSchedulingIgnoredDuringExecution: true antiAffinity.RequiredDuringSchedulingIgnoredDuringExecution: true": AntiAffinity must have exactly one strategy listed',
    },
    {
      name: 'anti-affinity weight out of range',
      rollout: aRollout({ canary: { antiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: { weight: 101 } } } }),
      first: 'spec.strategy.antiAffinity.weight: Invalid value: 101: AntiAffinity weight must be between 1-100',
    },
    {
      name: 'scaleDownDelaySeconds on basic canary',
      rollout: aRollout({ canary: { scaleDownDelaySeconds: 30 } }),
      first: 'spec.strategy.scaleDownDelaySeconds: Invalid value: 30: Canary scaleDownDelaySeconds can only be used with traffic routing',
    },
    {
      name: 'dynamicStableScale on basic canary',
      rollout: aRollout({ canary: { dynamicStableScale: true } }),
      first: 'spec.strategy.dynamicStableScale: Invalid value: true: Canary dynamicStableScale can only be used with traffic routing',
    },
    {
      name: 'dynamicStableScale with scaleDownDelaySeconds',
      rollout: aRollout({ canary: { ...services, trafficRouting: istio, dynamicStableScale: true, scaleDownDelaySeconds: 10 } }),
      first: 'spec.strategy.dynamicStableScale: Invalid value: true: Canary dynamicStableScale cannot be used with scaleDownDelaySeconds',
    },
    {
      name: 'maxTrafficWeight with istio',
      rollout: aRollout({ canary: { ...services, trafficRouting: { ...istio, maxTrafficWeight: 1000 } } }),
      first: 'spec.strategy.trafficRouting.maxTrafficWeight: Invalid value: 1000: Canary maxTrafficWeight in traffic routing only supported in Nginx and Plugins',
    },
    {
      name: 'setWeight bounded by nginx maxTrafficWeight',
      rollout: aRollout({ canary: { ...services, trafficRouting: { nginx: { stableIngress: 'i' }, maxTrafficWeight: 1000 }, steps: [{ setWeight: 1001 }] } }),
      first: 'spec.strategy.steps[0].setWeight: Invalid value: 1001: SetWeight needs to be between 0 and 1000',
    },
    {
      name: 'experiment weight with nginx',
      rollout: aRollout({
        canary: { ...services, trafficRouting: { nginx: { stableIngress: 'i' } }, steps: [{ setWeight: 10 }, { experiment: { templates: [{ name: 't', specRef: 'canary', weight: 20 }] } }] },
      }),
      first:
        'spec.strategy.steps[1].experiment.templates[0].weight: Invalid value: 20: Experiment template weight is only available for TrafficRouting with SMI, ALB, Istio and Plugins at this time',
    },
    {
      name: 'revision history smaller than scale-down revision limit',
      rollout: aRollout({ spec: { revisionHistoryLimit: 1 }, blueGreen: { activeService: 'a', scaleDownDelayRevisionLimit: 2 } }),
      first:
        "spec.strategy.scaleDownDelayRevisionLimit: Invalid value: 2: This rollout's revision history limit can not be smaller than the rollout's scale down limit",
    },
    {
      name: 'progressDeadlineSeconds not above minReadySeconds',
      rollout: aRollout({ spec: { minReadySeconds: 600 } }),
      first: 'spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds',
    },
    {
      name: 'negative replicas',
      rollout: aRollout({ replicas: -1 }),
      first: 'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    },
    {
      name: 'template with workloadRef',
      rollout: aRollout({ spec: { workloadRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'd' } } }),
      first: 'spec.template: Internal error: template must be empty for workload reference rollout',
    },
    {
      name: 'restartPolicy Never',
      rollout: aRollout({
        spec: { template: { metadata: { labels: { app: 'guestbook' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'c' }] } } },
      }),
      first: 'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    },
    {
      name: 'no containers',
      rollout: aRollout({ spec: { template: { metadata: { labels: { app: 'guestbook' } }, spec: { containers: [] } } } }),
      first: 'spec.template.spec.containers: Required value',
    },
    {
      name: 'empty selector',
      rollout: aRollout({ spec: { selector: {} } }),
      first: 'spec.selector: Invalid value: {}: empty selector is invalid for deployment',
    },
    {
      name: 'ping-pong with the same services',
      rollout: aRollout({ canary: { trafficRouting: istio, pingPong: { pingService: 'p', pongService: 'p' } } }),
      first:
        'spec.strategy.pingPong.pingService: Invalid value: "p": This rollout uses the same service for the ping and pong services, but two different services are required.',
    },
    {
      name: 'ALB header match must be exact',
      rollout: aRollout({
        canary: {
          ...services,
          trafficRouting: { alb: { ingress: 'i', servicePort: 80 }, managedRoutes: [{ name: 'h' }] },
          steps: [{ setHeaderRoute: { name: 'h', match: [{ headerName: 'x', headerValue: { prefix: 'y' } }] } }],
        },
      }),
      first: `spec.strategy.steps[0].setHeaderRoute.match[0]: Invalid value: {"prefix":"y"}: SetHeaderRoute match value invalid. ALB supports 'exact' value only`,
    },
    {
      name: 'istio header match with two values',
      rollout: aRollout({
        canary: {
          ...services,
          trafficRouting: { ...istio, managedRoutes: [{ name: 'h' }] },
          steps: [{ setHeaderRoute: { name: 'h', match: [{ headerName: 'x', headerValue: { exact: 'a', regex: 'b' } }] } }],
        },
      }),
      first:
        'spec.strategy.steps[0].setHeaderRoute.match[0]: Invalid value: {"exact":"a","regex":"b"}: StringMatch match value must have exactly one of the following: exact, regex, prefix',
    },
    {
      name: 'analysis arg with unsupported metadata field',
      rollout: aRollout({ canary: { steps: [{ analysis: { templates: [{ templateName: 't' }], args: [{ name: 'a', valueFrom: { fieldRef: { fieldPath: 'metadata.generateName' } } }] } }] } }),
      first:
        'spec.strategy.steps[0].analyses: Invalid value: [{"name":"a","valueFrom":{"fieldRef":{"fieldPath":"metadata.generateName"}}}]: Analyses arguments must refer to valid object metadata supported by downwardAPI',
    },
  ])('$name', ({ rollout, first }) => {
    const errors = errorsOf(rollout);
    expect(errors[0]).toBe(first);
  });
});

describe('validateRollout: structured errors', () => {
  it('names the field and carries upstream detail text', () => {
    const [error] = validateRollout(aRollout({ canary: { steps: [{ setWeight: -1 }] } }));
    expect(error).toStrictEqual({
      field: 'spec.strategy.steps[0].setWeight',
      type: 'Invalid value',
      message: 'SetWeight needs to be between 0 and 100',
      value: '-1',
    });
  });

  it.each([
    { name: 'unresolved: a template next to workloadRef is an error', resolved: false, errors: ['spec.template'] },
    { name: 'resolved from the workload: the template is validated instead', resolved: true, errors: ['spec.template.spec.restartPolicy'] },
  ])('workloadRef — $name', ({ resolved, errors }) => {
    const rollout = aRollout({
      spec: {
        workloadRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'd' },
        template: { metadata: { labels: { app: 'guestbook' } }, spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c' }] } },
      },
    });
    expect(validateRollout(rollout, { templateResolvedFromRef: resolved }).map((e) => e.field)).toStrictEqual(errors);
  });

  it('reports every problem, in upstream order', () => {
    const rollout = aRollout({ canary: { scaleDownDelaySeconds: 5, steps: [{ setWeight: 200 }, { pause: { duration: 'x' } }] } });
    expect(validateRollout(rollout).map((e) => e.field)).toStrictEqual([
      'spec.strategy.scaleDownDelaySeconds',
      'spec.strategy.steps[0].setWeight',
      'spec.strategy.steps[1].pause.duration',
    ]);
  });
});
