import { describe, expect, it } from 'vitest';
import { IstioKind, rolloutsReferencingIstioObject } from './references.js';
import { aRollout } from './test-support/fixtures.js';

describe('rolloutsReferencingIstioObject', () => {
  const a = aRollout({ virtualService: { name: 'vs-a' }, destinationRule: { name: 'dr', canarySubsetName: 'c', stableSubsetName: 's' } });
  const b = aRollout({ virtualServices: [{ name: 'vs-b' }, { name: 'other/vs-shared' }] }, { namespace: 'team' });
  const c = aRollout({ virtualService: { name: 'vs-a' } }, { namespace: 'team' });
  it.each([
    { name: 'VS in the rollout namespace', kind: IstioKind.VirtualService, ns: 'default', obj: 'vs-a', want: [a] },
    { name: 'same VS name in another namespace', kind: IstioKind.VirtualService, ns: 'team', obj: 'vs-a', want: [c] },
    { name: 'VS referenced as ns/name', kind: IstioKind.VirtualService, ns: 'other', obj: 'vs-shared', want: [b] },
    { name: 'DestinationRule', kind: IstioKind.DestinationRule, ns: 'default', obj: 'dr', want: [a] },
    { name: 'unreferenced', kind: IstioKind.VirtualService, ns: 'default', obj: 'nope', want: [] },
  ])('$name', ({ kind, ns, obj, want }) => {
    expect(rolloutsReferencingIstioObject([a, b, c], kind, ns, obj)).toEqual(want);
  });
});
