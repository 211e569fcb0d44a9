import { describe, expect, it } from 'vitest';
import { createMergePatch } from './json.js';
import { istioRouterSpec } from './router-spec.js';
import { setVirtualServiceWeight } from './virtual-service-weights.js';
import { verifyVirtualServiceWeights } from './verify-weights.js';
import { aRollout, regularVsvc, subsetVsvc } from './test-support/fixtures.js';

const s = istioRouterSpec(aRollout({ virtualService: { name: 'vsvc', routes: ['primary'] } }));
const ref = s?.virtualServices[0];

describe('verifyVirtualServiceWeights', () => {
  if (s === undefined || ref === undefined) throw new Error();
  it('verified once the observed object carries the desired weights', () => {
    const written = setVirtualServiceWeight(s, ref, regularVsvc, 40).object;
    const v = verifyVirtualServiceWeights(s, ref, written, 40);
    expect(v).toMatchObject({ verified: true, observed: [{ type: 'http', index: 0, name: 'primary', canary: 40, stable: 60 }] });
  });

  it('not verified while the cache still shows the old weights (names the route and its weight)', () => {
    const v = verifyVirtualServiceWeights(s, ref, regularVsvc, 40);
    expect(v.verified).toBe(false);
    expect(v.reason).toBe("VirtualService `vsvc` weights not yet 40: http[primary] canary 0");
  });

  it('not verified when an experiment destination is missing although canary matches', () => {
    const written = setVirtualServiceWeight(s, ref, regularVsvc, 10).object;
    expect(verifyVirtualServiceWeights(s, ref, written, 10, [{ serviceName: 'exp', weight: 10 }]).verified).toBe(false);
  });

  it('a route that no longer validates is reported, not thrown', () => {
    const sub = istioRouterSpec(aRollout({ virtualService: { name: 'reviews-vs', routes: ['gone'] } }));
    const r = sub?.virtualServices[0];
    if (sub === undefined || r === undefined) throw new Error();
    expect(verifyVirtualServiceWeights(sub, r, subsetVsvc, 10)).toEqual({ verified: false, observed: [], reason: "HTTP Route 'gone' is not found in the defined Virtual Service." });
  });
});

describe('createMergePatch', () => {
  it.each([
    { name: 'no change → {}', a: { spec: { x: 1 } }, b: { spec: { x: 1 } }, want: {} },
    { name: 'changed scalar', a: { spec: { x: 1, y: 2 } }, b: { spec: { x: 1, y: 3 } }, want: { spec: { y: 3 } } },
    { name: 'removed key → null', a: { metadata: { annotations: { a: '1', b: '2' } } }, b: { metadata: { annotations: { a: '1' } } }, want: { metadata: { annotations: { b: null } } } },
    { name: 'arrays replaced whole', a: { spec: { http: [{ w: 1 }, { w: 2 }] } }, b: { spec: { http: [{ w: 1 }, { w: 3 }] } }, want: { spec: { http: [{ w: 1 }, { w: 3 }] } } },
    { name: 'added nested object', a: {}, b: { metadata: { annotations: { k: 'v' } } }, want: { metadata: { annotations: { k: 'v' } } } },
  ])('$name', ({ a, b, want }) => {
    expect(createMergePatch(a, b)).toEqual(want);
  });

  it('a weight change patches only spec.http', () => {
    if (s === undefined || ref === undefined) throw new Error();
    const written = setVirtualServiceWeight(s, ref, regularVsvc, 40).object;
    expect(Object.keys(createMergePatch(regularVsvc, written))).toEqual(['spec']);
    expect(Object.keys(createMergePatch(regularVsvc, written)['spec'] as object)).toEqual(['http']);
  });
});
