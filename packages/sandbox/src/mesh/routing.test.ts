import { describe, expect, it } from 'vitest';
import { imageTag, respond, workloadName } from './pods.js';
import { seededRng } from './rng.js';
import { type MeshRequest, hostMatches, matchRequest, pickDestination, routeRequest, serviceOfHost, stringMatches } from './routing.js';

const req = (over: Partial<MeshRequest> = {}): MeshRequest => ({ namespace: 'istio', host: 'reviews', method: 'GET', path: '/reviews/1', headers: {}, ...over });

describe('serviceOfHost', () => {
  it.each([
    ['reviews', { name: 'reviews', namespace: 'istio' }],
    ['reviews.other', { name: 'reviews', namespace: 'other' }],
    ['reviews.istio.svc.cluster.local', { name: 'reviews', namespace: 'istio' }],
    ['reviews.istio.svc', { name: 'reviews', namespace: 'istio' }],
    ['www.example.com', undefined],
    ['*', undefined],
    ['.reviews', undefined],
  ])('%s', (host, want) => {
    expect(serviceOfHost(host, 'istio')).toEqual(want);
  });
});

describe('hostMatches', () => {
  it.each([
    { vsHost: '*', host: 'anything', want: true },
    { vsHost: '*.example.com', host: 'shop.example.com', want: true },
    { vsHost: '*.example.com', host: 'example.org', want: false },
    { vsHost: 'reviews', host: 'reviews.istio.svc.cluster.local', want: true },
    { vsHost: 'reviews.istio.svc.cluster.local', host: 'reviews', want: true },
    { vsHost: 'reviews', host: 'ratings', want: false },
    { vsHost: 'reviews.other.svc.cluster.local', host: 'reviews', want: false },
  ])('$vsHost vs $host → $want', ({ vsHost, host, want }) => {
    expect(hostMatches(vsHost, 'istio', req({ host }))).toBe(want);
  });
});

describe('stringMatches / matchRequest', () => {
  it.each([
    { name: 'exact', m: { exact: 'a' }, v: 'a', want: true },
    { name: 'exact miss', m: { exact: 'a' }, v: 'ab', want: false },
    { name: 'prefix', m: { prefix: '/api' }, v: '/api/v1', want: true },
    { name: 'regex is anchored', m: { regex: 'fire' }, v: 'firefox', want: false },
    { name: 'regex', m: { regex: '.*Firefox.*' }, v: 'Mozilla Firefox 120', want: true },
    { name: 'cookie regex (seed A/B)', m: { regex: '^(.*?;)?(type=insider)(;.*)?$' }, v: 'session=1;type=insider;x=y', want: true },
    { name: 'cookie regex miss', m: { regex: '^(.*?;)?(type=insider)(;.*)?$' }, v: 'session=1;type=outsider', want: false },
    { name: 'missing header', m: { exact: 'a' }, v: undefined, want: false },
  ])('$name', ({ m, v, want }) => {
    expect(stringMatches(m, v)).toBe(want);
  });

  it('every condition of a match block must hold; header names are case-insensitive', () => {
    const m = { method: { exact: 'GET' }, uri: { prefix: '/reviews' }, headers: { 'X-User': { exact: 'tester' } } };
    expect(matchRequest(m, req({ headers: { 'x-user': 'tester' } }))).toBe(true);
    expect(matchRequest(m, req({ method: 'POST', headers: { 'x-user': 'tester' } }))).toBe(false);
    expect(matchRequest(m, req())).toBe(false);
  });
});

describe('gateway binding', () => {
  const bound = { metadata: { name: 'gw-vs', namespace: 'istio' }, spec: { gateways: ['istio/bookinfo-gateway'], hosts: ['*'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v9' } }] }] } };
  const mesh = { metadata: { name: 'mesh-vs', namespace: 'istio' }, spec: { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' } }] }] } };
  it.each([
    { name: 'mesh traffic ignores gateway-bound VirtualServices', r: req(), want: 'mesh-vs' },
    { name: 'gateway traffic uses the VirtualService bound to that gateway', r: req({ gateway: 'istio/bookinfo-gateway' }), want: 'gw-vs' },
    { name: 'another gateway matches neither', r: req({ gateway: 'istio/other' }), want: undefined },
  ])('$name', ({ r, want }) => {
    expect(routeRequest([bound, mesh], r, seededRng(1)).virtualService).toBe(want);
  });
});

describe('pickDestination', () => {
  it('follows the weights (seeded: 10 000 picks of 80/20 land within 4σ of 2 000)', () => {
    const rng = seededRng(42);
    const route = [{ destination: { host: 'stable' }, weight: 80 }, { destination: { host: 'canary' }, weight: 20 }];
    let canary = 0;
    for (let i = 0; i < 10_000; i++) if (pickDestination(route, rng)?.['host'] === 'canary') canary++;
    const sigma = Math.sqrt(10_000 * 0.2 * 0.8);
    expect(Math.abs(canary - 2000)).toBeLessThan(4 * sigma);
  });

  it('a 0-weight destination never gets traffic; a lone destination gets all', () => {
    const rng = seededRng(1);
    const route = [{ destination: { host: 'stable' }, weight: 100 }, { destination: { host: 'canary' }, weight: 0 }];
    for (let i = 0; i < 500; i++) expect(pickDestination(route, rng)?.['host']).toBe('stable');
    expect(pickDestination([{ destination: { host: 'only' } }], rng)?.['host']).toBe('only');
  });
});

describe('routeRequest', () => {
  const vs = {
    metadata: { name: 'reviews-vs', namespace: 'istio' },
    spec: {
      hosts: ['reviews'],
      http: [
        { name: 'insiders', match: [{ headers: { cookie: { regex: '^(.*?;)?(type=insider)(;.*)?$' } } }], route: [{ destination: { host: 'reviews', subset: 'v2' }, weight: 100 }] },
        { name: 'mirror', match: [{ method: { exact: 'POST' } }], route: [{ destination: { host: 'reviews', subset: 'v1' }, weight: 100 }], mirror: { host: 'reviews', subset: 'v2' }, mirrorPercentage: { value: 100 } },
        { name: 'http-primary', route: [{ destination: { host: 'reviews', subset: 'v1' }, weight: 100 }, { destination: { host: 'reviews', subset: 'v2' }, weight: 0 }] },
      ],
    },
  };
  const rng = seededRng(7);
  it.each([
    { name: 'header route by cookie', r: req({ headers: { cookie: 'type=insider' } }), route: 'insiders', subset: 'v2', mirror: undefined },
    { name: 'mirror route by method', r: req({ method: 'POST' }), route: 'mirror', subset: 'v1', mirror: 'v2' },
    { name: 'default route', r: req(), route: 'http-primary', subset: 'v1', mirror: undefined },
  ])('$name', ({ r, route, subset, mirror }) => {
    const d = routeRequest([vs], r, rng);
    expect(d.routeName).toBe(route);
    expect(d.target).toEqual({ service: { name: 'reviews', namespace: 'istio' }, subset });
    expect(d.mirror?.subset).toBe(mirror);
  });

  it('without a VirtualService the Service itself is the target', () => {
    expect(routeRequest([], req({ host: 'ratings' }), rng)).toEqual({ target: { service: { name: 'ratings', namespace: 'istio' }, subset: '' }, routeName: '' });
  });
});

describe('pod behaviour by image', () => {
  it.each([
    ['docker.io/istio/examples-bookinfo-reviews-v2:1.16.2', '1.16.2'],
    ['localhost:5000/reviews:bad-1', 'bad-1'],
    ['reviews', 'latest'],
    ['reviews@sha256:abc', 'latest'],
  ])('imageTag(%s) = %s', (image, tag) => {
    expect(imageTag(image)).toBe(tag);
  });

  it('bad* → about half 500s; slow* → +400 ms; otherwise 200 in 15–25 ms', () => {
    const rng = seededRng(3);
    const bad = Array.from({ length: 1000 }, () => respond('r:bad-1', rng));
    const errors = bad.filter((r) => r.code === 500).length;
    expect(Math.abs(errors - 500)).toBeLessThan(4 * Math.sqrt(1000 * 0.25));
    expect(bad.every((r) => r.code === 500 || r.code === 200)).toBe(true);
    const slow = respond('r:slow-2', rng);
    expect(slow).toMatchObject({ code: 200 });
    expect(slow.durationMs).toBeGreaterThanOrEqual(415);
    const good = Array.from({ length: 100 }, () => respond('r:1.0', rng));
    expect(good.every((r) => r.code === 200 && r.durationMs >= 15 && r.durationMs < 25)).toBe(true);
  });

  it('workload name strips the pod-template hash from the owning ReplicaSet', () => {
    const pod = (owner: string, labels: Record<string, string>) => ({ metadata: { name: 'p', labels, ownerReferences: [{ kind: 'ReplicaSet', name: owner, controller: true }] } });
    expect(workloadName(pod('reviews-v1-6d8f7c9b4', { 'rollouts-pod-template-hash': '6d8f7c9b4' }))).toBe('reviews-v1');
    expect(workloadName(pod('ratings-7c9f', { 'pod-template-hash': '7c9f' }))).toBe('ratings');
    expect(workloadName({ metadata: { name: 'bare' } })).toBe('bare');
  });
});
