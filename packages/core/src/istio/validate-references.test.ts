import { fieldError } from '@serin/api';
import { describe, expect, it } from 'vitest';
import { aRollout, regularTlsVsvc, regularVsvc, vs } from './test-support/fixtures.js';
import { validateVirtualServiceReference } from './validate-references.js';

const render = (errs: ReturnType<typeof validateVirtualServiceReference>) => errs.map((e) => fieldError.formatFieldError(e));

// parity: argo-rollouts pkg/apis/rollouts/validation/validation_references_test.go TestValidateVirtualService
describe('validateVirtualServiceReference', () => {
  it('valid reference → no errors', () => {
    expect(validateVirtualServiceReference(aRollout({ virtualService: { name: 'vsvc', routes: ['primary'] } }), regularVsvc)).toEqual([]);
  });

  it.each([
    {
      name: 'missing http route',
      ro: aRollout({ virtualService: { name: 'vsvc', routes: ['nope'] } }),
      obj: regularVsvc,
      want: [`spec.strategy.canary.trafficRouting.istio.virtualService.name: Invalid value: "vsvc": Istio VirtualService has invalid HTTP routes. Error: HTTP Route 'nope' is not found in the defined Virtual Service.`],
    },
    {
      name: 'ambiguous tls routes (multiple virtualServices path)',
      ro: aRollout({ virtualServices: [{ name: 'vsvc' }] }),
      obj: regularTlsVsvc,
      want: [
        'spec.strategy.canary.trafficRouting.istio.virtualServices.name: Invalid value: "vsvc": Istio VirtualService has invalid TLS routes. Error: spec.tls[] should be set in VirtualService and it must have exactly one route when omitting spec.strategy.canary.trafficRouting.istio.virtualService.tlsRoutes',
      ],
    },
    {
      name: 'no routes at all',
      ro: aRollout({ virtualService: { name: 'vsvc' } }),
      obj: vs('{metadata: {name: vsvc}, spec: {hosts: [a]}}'),
      want: ['spec.strategy.canary.trafficRouting.istio.virtualService.name: Invalid value: "vsvc": Unable to get any of the HTTP, TCP or TLS routes for the Istio VirtualService'],
    },
  ])('$name', ({ ro, obj, want }) => {
    expect(render(validateVirtualServiceReference(ro, obj))).toEqual(want);
  });

  it('an object the Rollout does not reference → no errors', () => {
    expect(validateVirtualServiceReference(aRollout({ virtualService: { name: 'other' } }), regularVsvc)).toEqual([]);
  });
});
