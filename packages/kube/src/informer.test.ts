import { describe, expect, it } from 'vitest';
import { FakeClock, flushPromises } from './fake-clock.js';
import { Informer } from './informer.js';
import type { KubeObject } from './object.js';
import { FakeListWatch, list } from './test-support/fake-list-watch.js';

const obj = (name: string, rv: string, ns = 'ns1'): KubeObject => ({ metadata: { namespace: ns, name, resourceVersion: rv, uid: `uid-${name}` } });
const gone = { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 410, reason: 'Expired', message: 'too old resource version: 1 (5)' };

async function started(lists: ConstructorParameters<typeof FakeListWatch<KubeObject>>[0], resyncMs = 0) {
  const clock = new FakeClock();
  const lw = new FakeListWatch<KubeObject>(lists);
  const inf = new Informer<KubeObject>(lw, { clock, name: 'replicasets', resyncMs });
  const events: string[] = [];
  inf.addEventHandler({
    add: (o) => events.push(`add ${o.metadata?.name}`),
    update: (old, o) => events.push(`update ${o.metadata?.name} ${old.metadata?.resourceVersion}->${o.metadata?.resourceVersion}`),
    delete: (o) => events.push(`delete ${o.metadata?.name}`),
  });
  inf.start();
  await flushPromises();
  return { clock, lw, inf, events };
}

const cached = (inf: Informer<KubeObject>): string[] => inf.lister.list().map((o) => `${o.metadata?.name}@${o.metadata?.resourceVersion}`).sort();

describe('Informer', () => {
  it('lists, then watches from the list resourceVersion, keeping the cache and handlers current', async () => {
    const { lw, inf, events, clock } = await started([list('10', [obj('a', '1'), obj('b', '2')])]);
    expect(inf.hasSynced()).toBe(true);
    expect(lw.watchResourceVersions).toEqual(['10']);
    lw.send('ADDED', obj('c', '11'));
    lw.send('MODIFIED', obj('a', '12'));
    lw.send('MODIFIED', obj('a', '12')); // same RV: no update
    lw.send('DELETED', obj('b', '13'));
    lw.send('BOOKMARK', { metadata: { resourceVersion: '14' } });
    await clock.advance(5000);
    expect(events).toEqual(['add a', 'add b', 'add c', 'update a 1->12', 'delete b']);
    expect(cached(inf)).toEqual(['a@12', 'c@11']);
    lw.end(null);
    await flushPromises();
    expect([lw.listCalls, lw.watchResourceVersions]).toEqual([1, ['10', '14']]);
  });

  it('relists after an in-stream 410 ERROR event; objects missing from the new list are deleted', async () => {
    const { lw, inf, events } = await started([list('10', [obj('a', '1'), obj('b', '2')]), list('20', [obj('a', '15')])]);
    lw.send('ERROR', gone);
    await flushPromises();
    expect([lw.listCalls, lw.aborts]).toEqual([2, 1]);
    expect(lw.watchResourceVersions).toEqual(['10', '20']);
    expect(events.slice(2)).toEqual(['delete b', 'update a 1->15']);
    expect([inf.goneRelists, inf.failureRestarts]).toEqual([1, 0]);
    expect(cached(inf)).toEqual(['a@15']);
  });

  it('an in-stream ERROR other than 410 ends the watch and restarts after a backoff', async () => {
    const { lw, clock, inf } = await started([list('10', [obj('a', '1')])]);
    lw.send('ERROR', { kind: 'Status', code: 500, reason: 'InternalError', message: 'etcd timeout' });
    await flushPromises();
    expect([lw.aborts, lw.listCalls, clock.pendingDelays(), inf.failureRestarts]).toEqual([1, 1, [1000], 1]);
    await clock.advance(1000);
    expect(lw.listCalls).toBe(2);
  });

  it('relists at once when the watch request itself answers 410', async () => {
    const { lw, clock } = await started([list('10', [obj('a', '1')]), list('30', [obj('a', '1')])]);
    lw.end(Object.assign(new Error('Gone'), { statusCode: 410 }));
    await flushPromises();
    expect([lw.listCalls, clock.pendingTimers]).toEqual([2, 0]);
    expect(lw.watchResourceVersions).toEqual(['10', '30']);
  });

  it('restarts after a non-410 watch error with a backoff, and relists (1 s, 2 s, 4 s …)', async () => {
    const boom = Object.assign(new Error('Internal Server Error'), { statusCode: 500 });
    const { lw, clock, inf } = await started([list('10', [obj('a', '1')]), new Error('connection refused'), new Error('connection refused'), list('40', [obj('a', '2')])]);
    lw.end(boom);
    await flushPromises();
    expect([lw.listCalls, clock.pendingDelays()]).toEqual([1, [1000]]);
    await clock.advance(1000);
    expect([lw.listCalls, clock.pendingDelays()]).toEqual([2, [2000]]);
    await clock.advance(2000);
    expect([lw.listCalls, clock.pendingDelays()]).toEqual([3, [4000]]);
    await clock.advance(4000);
    expect([lw.listCalls, clock.pendingTimers]).toEqual([4, 0]);
    expect(cached(inf)).toEqual(['a@2']);
    expect([inf.goneRelists, inf.failureRestarts]).toEqual([0, 3]);
    lw.end(boom); // a successful list does not reset the backoff (client-go): the last one began < 2 min ago
    await flushPromises();
    expect(clock.pendingDelays()).toEqual([8000]);
    await clock.advance(8000);
    await clock.advance(121_000); // watching quietly for over 2 min
    lw.end(boom);
    await flushPromises();
    expect(clock.pendingDelays()).toEqual([1000]);
  });

  it('LISTs that work but watches that keep failing are retried 1, 2, 4 … 30 s apart, not every second', async () => {
    const boom = Object.assign(new Error('Internal Server Error'), { statusCode: 500 });
    const { lw, clock } = await started([list('10', [obj('a', '1')])]);
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      lw.end(boom);
      await flushPromises();
      const [d = 0] = clock.pendingDelays();
      delays.push(d);
      await clock.advance(d);
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    expect(lw.listCalls).toBe(8);
  });

  it.each([
    { name: 'connection refused (server down)', err: Object.assign(new Error('request to https://10.0.0.1/apis/apps/v1/replicasets failed, reason: connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' }), lists: 1 },
    { name: '429 Too Many Requests', err: Object.assign(new Error('Too Many Requests'), { statusCode: 429 }), lists: 1 },
    { name: '500 Internal Server Error', err: Object.assign(new Error('Internal Server Error'), { statusCode: 500 }), lists: 2 },
  ])('a watch failing with $name → after the backoff: $lists LIST(s) in all', async ({ err, lists }) => {
    const { lw, clock, inf } = await started([list('10', [obj('a', '1')])]);
    lw.end(err);
    await flushPromises();
    await clock.advance(1000);
    expect(lw.listCalls).toBe(lists);
    expect(lw.watchResourceVersions).toEqual(['10', '10']);
    expect(inf.failureRestarts).toBe(1);
  });

  it('a watch that closes at once without events backs off instead of re-watching in a hot loop', async () => {
    const { lw, clock } = await started([list('10', [obj('a', '1')])]);
    lw.end(null);
    await flushPromises();
    expect([lw.watchResourceVersions.length, clock.pendingDelays()]).toEqual([1, [1000]]);
    await clock.advance(1000);
    expect([lw.listCalls, lw.watchResourceVersions.length]).toEqual([2, 2]);
  });

  it('caches frozen objects so a reconciler cannot mutate the cache by accident', async () => {
    const { lw, inf } = await started([list('10', [obj('a', '1')])]);
    lw.send('ADDED', obj('b', '11'));
    const a = inf.lister.get('ns1', 'a');
    const b = inf.lister.get('ns1', 'b');
    expect(() => {
      if (a?.metadata !== undefined) a.metadata.name = 'x';
    }).toThrow(TypeError);
    expect([Object.isFrozen(a?.metadata), Object.isFrozen(b?.metadata)]).toEqual([true, true]);
    expect(structuredClone(a)?.metadata?.name).toBe('a');
  });

  it('stop() aborts the watch and the AbortError does not restart anything', async () => {
    const { lw, clock, inf } = await started([list('10', [obj('a', '1')])]);
    inf.stop();
    await flushPromises();
    await clock.advance(60_000);
    expect([lw.aborts, lw.listCalls, lw.watchResourceVersions.length, clock.pendingTimers]).toEqual([1, 1, 1, 0]);
  });

  it('stop() during a restart backoff cancels the restart', async () => {
    const { lw, clock, inf } = await started([list('10', [])]);
    lw.end(new Error('reset'));
    await flushPromises();
    inf.stop();
    await clock.advance(60_000);
    expect(lw.listCalls).toBe(1);
  });

  it('hasSynced is false until the first successful list; waitForSync resolves then', async () => {
    const { lw, clock, inf } = await started([new Error('forbidden'), list('1', [obj('a', '1')])]);
    expect(inf.hasSynced()).toBe(false);
    let synced = false;
    void inf.waitForSync().then(() => (synced = true));
    await clock.advance(1000);
    expect([inf.hasSynced(), synced, lw.listCalls]).toEqual([true, true, 2]);
  });

  it('resync re-delivers every cached object as an update each period', async () => {
    const { clock, events } = await started([list('10', [obj('a', '1'), obj('b', '1')])], 900_000);
    await clock.advance(900_000 * 2);
    expect(events.filter((e) => e.startsWith('update'))).toEqual(['update a 1->1', 'update b 1->1', 'update a 1->1', 'update b 1->1']);
  });
});
