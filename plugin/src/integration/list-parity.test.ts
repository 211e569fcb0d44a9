// list rollouts -w and list experiments against upstream's cmd/list/list_test.go scenarios.
// parity: argo-rollouts pkg/kubectl-argo-rollouts/cmd/list/list_rollouts.go (PrintRolloutUpdates), list_experiments.go
import { describe, expect, it } from 'vitest';
import { runCli } from '../test-support/harness.js';
import type { Cluster, KubeObject, WatchEvent } from '../kube/cluster.js';

// upstream list_test.go fixtures
const status = { currentStepIndex: 1, replicas: 4, readyReplicas: 1, updatedReplicas: 3, availableReplicas: 2 };
const canary = (available = 2): KubeObject => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  metadata: { name: 'can-guestbook', namespace: 'test' },
  spec: { replicas: 5, strategy: { canary: { steps: [{ setWeight: 10 }, { pause: { duration: 60 } }, { setWeight: 20 }] } } },
  status: { ...status, availableReplicas: available },
});
const blueGreen: KubeObject = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  metadata: { name: 'bg-guestbook', namespace: 'test' },
  spec: { replicas: 5, strategy: { blueGreen: {} } },
  status,
};

/**
 * A cluster whose first watch delivers `events` and ends (upstream's fake watcher is stopped), and whose later
 * watches fail with `intentional error` (TestListWithWatch's watch reactor).
 */
function scriptedCluster(items: KubeObject[], events: WatchEvent[], firstWatchFails = false): Cluster & { watches: number } {
  const c = {
    namespace: 'test',
    watches: 0,
    list: async () => ({ items, resourceVersion: '1' }),
    watch: async (_rt: unknown, _ns: unknown, _q: unknown, on: (e: WatchEvent) => void) => {
      c.watches++;
      if (c.watches > 1 || firstWatchFails) throw new Error('intentional error');
      for (const e of events) on(e);
    },
  };
  return c as unknown as Cluster & { watches: number };
}

const warning = /^time="[^"]+" level=warning msg="intentional error"$/;

describe('list rollouts --watch (TestListWithWatch)', () => {
  it('prints the table, then only rows that changed; re-watches with a warning per failure and gives up after 6', async () => {
    const cluster = scriptedCluster([blueGreen, canary()], [canary(), blueGreen, canary(), canary(3)].map((object) => ({ type: 'ADDED' as const, object })));
    const r = await runCli(['list', 'rollouts', '--watch'], { deps: { connect: async () => cluster } });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      'NAME           STRATEGY   STATUS        STEP  SET-WEIGHT  READY  DESIRED  UP-TO-DATE  AVAILABLE\n' +
        'bg-guestbook   BlueGreen  Progressing   -     -           1/4    5        3           2        \n' +
        'can-guestbook  Canary     Progressing   1/3   10          1/4    5        3           2        \n' +
        'can-guestbook  Canary     Progressing   1/3   10          1/4    5        3           3        \n',
    );
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.slice(0, -1).every((l) => warning.test(l))).toBe(true);
    expect(lines.length - 1).toBe(6);
    expect(lines.at(-1)).toBe('Error: intentional error');
    expect(cluster.watches).toBe(8);
  });

  it('a DELETED event is a rollout too: its row prints when it differs', async () => {
    const cluster = scriptedCluster([canary()], [{ type: 'DELETED', object: canary(4) }]);
    const r = await runCli(['list', 'rollouts', '-w'], { deps: { connect: async () => cluster } });
    expect(r.stdout.split('\n').filter((l) => l.startsWith('can-guestbook')).map((l) => l.trimEnd().at(-1))).toEqual(['2', '4']);
  });

  it('the first watch failing ends the command at once (no retries)', async () => {
    const cluster = scriptedCluster([canary()], [], true);
    const r = await runCli(['list', 'rollouts', '-w'], { deps: { connect: async () => cluster } });
    expect({ code: r.code, stderr: r.stderr, watches: cluster.watches }).toEqual({ code: 1, stderr: 'Error: intentional error\n', watches: 1 });
  });
});

describe('list experiments (TestListExperiments)', () => {
  const now = Date.parse('2026-11-27T10:00:00Z');
  const experiment = (name: string, ns: string, duration?: string): KubeObject => ({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Experiment',
    metadata: { name, namespace: ns, creationTimestamp: new Date(now - 7 * 24 * 3600_000).toISOString() },
    spec: duration !== undefined ? { duration } : {},
    // upstream's fixture became available an hour before the test, which then takes a moment to run
    status: { phase: 'Running', availableAt: new Date(now - 3600_000 - 1000).toISOString() },
  });

  it('--all-namespaces golden', async () => {
    const objects = [experiment('my-experiment2', 'my-other-namespace'), experiment('my-experiment', 'test', '3h')];
    const r = await runCli(['list', 'experiments', '--all-namespaces'], { objects, nowMs: now, namespace: 'test' });
    expect({ stdout: r.stdout, stderr: r.stderr }).toEqual({
      stdout:
        'NAMESPACE           NAME            STATUS   DURATION  REMAINING  AGE\n' +
        'my-other-namespace  my-experiment2  Running  -         -          7d \n' +
        'test                my-experiment   Running  3h        119m       7d \n',
      stderr: '',
    });
  });

  it('an experiment without a creation time is aged from Go’s zero time (292y), like every other AGE', async () => {
    const exp = experiment('e', 'test');
    const r = await runCli(['list', 'experiments'], { objects: [{ ...exp, metadata: { name: 'e', namespace: 'test' } }], nowMs: now, namespace: 'test' });
    expect(r.stdout.split('\n')[1]).toBe('e           Running  -         -          292y');
  });
});

describe('list rollouts --watch alignment', () => {
  it('rows of one burst of events are aligned together, as one tabwriter flush', async () => {
    const bg5 = { ...blueGreen, status: { ...status, availableReplicas: 5 } };
    const cluster = scriptedCluster([canary(), blueGreen], [canary(3), bg5].map((object) => ({ type: 'MODIFIED' as const, object })));
    const r = await runCli(['list', 'rollouts', '-w'], { deps: { connect: async () => cluster } });
    expect(r.stdout.split('\n').slice(3).join('\n')).toBe(
      'can-guestbook  Canary     Progressing   1/3   10          1/4    5        3           3        \n' +
        'bg-guestbook   BlueGreen  Progressing   -     -           1/4    5        3           5        \n',
    );
  });
});
