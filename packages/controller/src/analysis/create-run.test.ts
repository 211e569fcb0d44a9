import { ANALYSIS_PHASE as P, type AnalysisRun } from '@serin/api';
import { describe, expect, it } from 'vitest';
import { createAnalysisRunWithCollisionCounter } from './create-run.js';
import { FakeAnalysisRuns } from './testing.js';

const owner = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'guestbook', uid: 'ro-uid', controller: true };
const run = (name: string, extra: Partial<AnalysisRun> = {}): AnalysisRun => ({
  metadata: { name, namespace: 'default', ownerReferences: [owner] },
  spec: { metrics: [{ name: 'm', provider: { web: { url: 'http://x' } } }] },
  ...extra,
});

describe('createAnalysisRunWithCollisionCounter', () => {
  it('creates under the base name', async () => {
    const runs = new FakeAnalysisRuns();
    expect((await createAnalysisRunWithCollisionCounter(runs.client, run('guestbook-abc-3-1'))).metadata?.name).toBe('guestbook-abc-3-1');
  });

  it('adopts our own running, equal run (stale cache)', async () => {
    const runs = new FakeAnalysisRuns();
    runs.add(run('guestbook-abc-3-1', { status: { phase: P.Running } }));
    const out = await createAnalysisRunWithCollisionCounter(runs.client, run('guestbook-abc-3-1'));
    expect(out.metadata?.name).toBe('guestbook-abc-3-1');
    expect(runs.writes.map((w) => w.verb)).toEqual(['create']);
    expect(runs.store.size()).toBe(1);
  });

  it.each([
    { name: 'a completed run', existing: run('guestbook-abc-3-1', { status: { phase: P.Successful } }) },
    { name: 'another owner', existing: { ...run('guestbook-abc-3-1'), metadata: { name: 'guestbook-abc-3-1', namespace: 'default', ownerReferences: [{ ...owner, uid: 'other' }] } } },
  ])('collides with $name → <name>.1', async ({ existing }) => {
    const runs = new FakeAnalysisRuns();
    runs.add(existing);
    const out = await createAnalysisRunWithCollisionCounter(runs.client, run('guestbook-abc-3-1'));
    expect(out.metadata?.name).toBe('guestbook-abc-3-1.1');
  });

  it('a run without a controller owner is refused', async () => {
    await expect(createAnalysisRunWithCollisionCounter(new FakeAnalysisRuns().client, { metadata: { name: 'x' }, spec: { metrics: [] } })).rejects.toThrow('Supplied run does not have an owner reference');
  });
});
