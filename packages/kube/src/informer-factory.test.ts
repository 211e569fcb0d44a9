import { describe, expect, it } from 'vitest';
import { FakeClock, flushPromises } from './fake-clock.js';
import { InformerFactory, selectorFor } from './informer-factory.js';
import { Resources } from './resources.js';
import type { RestRequest, RestResponse, Transport, WatchHandle } from './transport.js';

class ListOnlyTransport implements Transport {
  readonly lists: RestRequest[] = [];
  readonly watches: Array<{ path: string; query: Readonly<Record<string, string | undefined>> }> = [];
  async request(req: RestRequest): Promise<RestResponse> {
    this.lists.push(req);
    return { status: 200, body: JSON.stringify({ metadata: { resourceVersion: '1' }, items: [] }) };
  }
  async watch(path: string, query: Readonly<Record<string, string | undefined>>): Promise<WatchHandle> {
    this.watches.push({ path, query });
    return { abort: () => undefined };
  }
}

describe('selectorFor', () => {
  it.each([
    { name: 'ReplicaSets by pod-template hash', r: Resources.replicaSets, id: '', sel: 'rollouts-pod-template-hash' },
    { name: 'Pods by pod-template hash', r: Resources.pods, id: 'x', sel: 'rollouts-pod-template-hash' },
    { name: 'Jobs by analysis run uid', r: Resources.jobs, id: '', sel: 'analysisrun.argoproj.io/uid' },
    { name: 'Rollouts without instance id', r: Resources.rollouts, id: '', sel: '!argo-rollouts.argoproj.io/controller-instance-id' },
    { name: 'AnalysisRuns with instance id', r: Resources.analysisRuns, id: 'a', sel: 'argo-rollouts.argoproj.io/controller-instance-id=a' },
    { name: 'ClusterAnalysisTemplates with instance id', r: Resources.clusterAnalysisTemplates, id: 'a', sel: 'argo-rollouts.argoproj.io/controller-instance-id=a' },
    { name: 'Services unfiltered', r: Resources.services, id: 'a', sel: undefined },
  ])('$name', ({ r, id, sel }) => {
    expect(selectorFor(r, id)).toBe(sel);
  });
});

describe('InformerFactory', () => {
  it('shares one informer per kind and lists each kind once with its selector and namespace', async () => {
    const transport = new ListOnlyTransport();
    const factory = new InformerFactory({ transport, clock: new FakeClock(), namespace: 'team-a', instanceId: 'shard-1' });
    expect(factory.rollouts()).toBe(factory.rollouts());
    factory.replicaSets();
    factory.clusterAnalysisTemplates();
    factory.start();
    await factory.waitForCacheSync();
    await flushPromises();
    expect(factory.hasSynced()).toBe(true);
    expect(transport.lists.map((r) => `${r.path}?${r.query?.['labelSelector'] ?? ''}`).sort()).toEqual([
      '/apis/apps/v1/namespaces/team-a/replicasets?rollouts-pod-template-hash',
      '/apis/argoproj.io/v1alpha1/clusteranalysistemplates?argo-rollouts.argoproj.io/controller-instance-id=shard-1',
      '/apis/argoproj.io/v1alpha1/namespaces/team-a/rollouts?argo-rollouts.argoproj.io/controller-instance-id=shard-1',
    ]);
    expect(transport.watches.map((w) => [w.query['resourceVersion'], w.query['timeoutSeconds'], w.query['allowWatchBookmarks']])).toEqual([
      ['1', '300', 'true'],
      ['1', '300', 'true'],
      ['1', '300', 'true'],
    ]);
  });

  it('starts informers created after start()', async () => {
    const transport = new ListOnlyTransport();
    const factory = new InformerFactory({ transport, clock: new FakeClock() });
    factory.start();
    const pods = factory.pods();
    await pods.waitForSync();
    expect(transport.lists.map((r) => r.path)).toEqual(['/api/v1/pods']);
  });

  it('fails fast on an invalid --instance-id', () => {
    expect(() => new InformerFactory({ transport: new ListOnlyTransport(), clock: new FakeClock(), instanceId: 'bad id!' })).toThrow(/not a valid label value/);
  });
});
