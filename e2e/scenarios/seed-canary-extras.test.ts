// Seed S5 (progressDeadlineSeconds / progressDeadlineAbort), S7 (revisionHistoryLimit), S10 (canary
// anti-affinity) and S13 (setCanaryScale under Istio) — seed-scenarios.md §2.2.
// parity: argo-rollouts test/e2e/functional_test.go, istio_test.go (TestIstioHostSplitSetCanaryScale)
import type { V1ReplicaSet } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventually } from '../dsl/eventually.js';
import { type Scenario, scenario } from '../dsl/scenario.js';
import { type World, startWorld } from '../dsl/world.js';

vi.setConfig({ testTimeout: 90_000 });

const V1 = 'example/app:v1';
const BAD = 'example/app:does-not-exist';
const HASH = 'rollouts-pod-template-hash';

let world: World;
beforeAll(async () => {
  world = await startWorld({ istio: true });
});
afterAll(async () => {
  await world?.close();
});

/** A canary Rollout `name` with container `app` (image v1) and the given extra spec / canary YAML (pre-indented). */
function rolloutYaml(name: string, replicas: number, spec: string, canary: string): string {
  return `
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: ${name}}
spec:
  replicas: ${replicas}
${spec}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: app
        image: ${V1}
  strategy:
    canary:
${canary}
`;
}

/** The rollout's Progressing condition as `status/reason/message`. */
async function progressing(s: Scenario, name: string): Promise<string> {
  const ro = await world.cluster.rollout(s.namespace, name);
  const c = (ro?.status?.conditions ?? []).find((x) => x.type === 'Progressing');
  return c === undefined ? 'none' : `${c.status}/${c.reason}/${c.message}`;
}

async function waitProgressing(s: Scenario, name: string, want: (current: string) => boolean, what: string): Promise<string> {
  let seen = '';
  await eventually(`Progressing condition ${what}`, async () => {
    seen = await progressing(s, name);
    return want(seen) ? undefined : `got ${seen}`;
  }, { diagnostics: () => world.diagnostics() });
  return seen;
}

const ownedBy = (rs: V1ReplicaSet, rollout: string): boolean => (rs.metadata?.ownerReferences ?? []).some((o) => o.kind === 'Rollout' && o.name === rollout);

async function replicaSetOf(s: Scenario, rollout: string, hash: string | undefined): Promise<V1ReplicaSet | undefined> {
  return (await world.cluster.replicaSets(s.namespace)).find((rs) => ownedBy(rs, rollout) && rs.metadata?.labels?.[HASH] === hash);
}

describe('progressDeadlineSeconds (seed S5)', () => {
  it('a healthy update within a 1 s deadline ends Healthy with Progressing True/NewReplicaSetAvailable', async () => {
    const s = await scenario(world, 'deadline-ok');
    await s.given.manifest(rolloutYaml('deadline', 5, '  progressDeadlineSeconds: 1', '      maxSurge: 1\n      maxUnavailable: 1'));
    await s.then.rollout('deadline').reaches({ phase: 'Healthy', replicas: 5, available: 5 });
    await s.when.setImage('deadline', 'app', 'example/app:v2');
    await s.then.rollout('deadline').reaches({ phase: 'Healthy', replicas: 5, updated: 5, available: 5, stableIsCurrent: true });
    await s.then.rollout('deadline').hasReplicaSets({ 'example/app:v2': 5 });
    const ro = await world.cluster.rollout(s.namespace, 'deadline');
    const rs = await replicaSetOf(s, 'deadline', ro?.status?.currentPodHash);
    expect(await progressing(s, 'deadline')).toBe(`True/NewReplicaSetAvailable/ReplicaSet "${rs?.metadata?.name ?? '?'}" has successfully progressed.`);
    await s.then.rollout('deadline').shows(['Status:          ✔ Healthy']);
  });

  it('a never-ready image exceeds a 2 s deadline: Progressing False/ProgressDeadlineExceeded, Degraded, canary pod kept', async () => {
    const s = await scenario(world, 'deadline-late');
    await s.given.manifest(rolloutYaml('late', 2, '  progressDeadlineSeconds: 2', '      maxSurge: 1\n      maxUnavailable: 0'));
    await s.then.rollout('late').reaches({ phase: 'Healthy', replicas: 2, available: 2 });
    await s.when.setImage('late', 'app', BAD);
    const seen = await waitProgressing(s, 'late', (c) => c.startsWith('False/ProgressDeadlineExceeded/'), 'False/ProgressDeadlineExceeded');
    const ro = await world.cluster.rollout(s.namespace, 'late');
    const rs = await replicaSetOf(s, 'late', ro?.status?.currentPodHash);
    expect(seen).toBe(`False/ProgressDeadlineExceeded/ReplicaSet "${rs?.metadata?.name ?? '?'}" has timed out progressing.`);
    // parity: argo-rollouts utils/rollout/rolloututil.go — phase message `<reason>: <condition message>`
    const rsName = rs?.metadata?.name ?? '?';
    await s.then.rollout('late').reaches({ phase: 'Degraded', message: `ProgressDeadlineExceeded: ReplicaSet "${rsName}" has timed out progressing.`, aborted: false, updated: 1, available: 2, stableIsCurrent: false });
    // without progressDeadlineAbort nothing is scaled down: the stable pods and the stuck canary pod stay
    await s.then.rollout('late').hasReplicaSets({ [V1]: 2, [BAD]: 1 });
  });

  it('with progressDeadlineAbort the timed-out update aborts: canary scaled to 0, Degraded, RolloutAborted', async () => {
    const s = await scenario(world, 'deadline-abort');
    await s.given.manifest(rolloutYaml('abortive', 2, '  progressDeadlineSeconds: 2\n  progressDeadlineAbort: true', '      maxSurge: 1\n      maxUnavailable: 0'));
    await s.then.rollout('abortive').reaches({ phase: 'Healthy', replicas: 2, available: 2 });
    await s.when.setImage('abortive', 'app', BAD);
    await s.then.rollout('abortive').reaches({ phase: 'Degraded', aborted: true, updated: 0, available: 2, stableIsCurrent: false });
    await s.then.rollout('abortive').hasReplicaSets({ [V1]: 2 });
    await s.then.rollout('abortive').recorded(['RolloutAborted']);
    const ro = await world.cluster.rollout(s.namespace, 'abortive');
    const rs = await replicaSetOf(s, 'abortive', ro?.status?.currentPodHash);
    const seen = await waitProgressing(s, 'abortive', (c) => c.startsWith('False/RolloutAborted/'), 'False/RolloutAborted');
    expect(seen).toBe(`False/RolloutAborted/Rollout aborted update to revision 2: ReplicaSet "${rs?.metadata?.name ?? '?'}" has timed out progressing.`);
    await s.then.rollout('abortive').reaches({ phase: 'Degraded', message: `RolloutAborted: Rollout aborted update to revision 2: ReplicaSet "${rs?.metadata?.name ?? '?'}" has timed out progressing.` });
    await s.then.rollout('abortive').shows(['Status:          ✖ Degraded']);
  });
});

describe('revisionHistoryLimit (seed S7)', () => {
  it.each([
    { name: 'limit 1', limit: 1 },
    { name: 'limit 2', limit: 2 },
  ])('$name: after limit + 2 updates only limit + 1 ReplicaSets remain, the newest ones', async ({ limit }) => {
    const s = await scenario(world, `history-${limit}`);
    await s.given.manifest(rolloutYaml('history', 2, `  revisionHistoryLimit: ${limit}`, '      maxSurge: 1\n      maxUnavailable: 1'));
    await s.then.rollout('history').reaches({ phase: 'Healthy', replicas: 2, available: 2 });
    const updates = limit + 2;
    for (let v = 2; v <= updates + 1; v += 1) {
      // ReplicaSets age by creationTimestamp, whole seconds, ties broken by name (upstream
      // ReplicaSetsByCreationTimestamp): start each update in a new second so "the oldest" is well defined
      const newest = Math.max(
        ...(await world.cluster.replicaSets(s.namespace)).filter((rs) => ownedBy(rs, 'history')).map((rs) => Math.floor((rs.metadata?.creationTimestamp?.getTime() ?? 0) / 1000)),
      );
      await eventually('a new second after the newest ReplicaSet', async () => (Math.floor(Date.now() / 1000) > newest ? undefined : 'same second'));
      await s.when.setImage('history', 'app', `example/app:v${v}`);
      await s.then.rollout('history').reaches({ phase: 'Healthy', updated: 2, available: 2, stableIsCurrent: true });
    }
    const newest = `example/app:v${updates + 1}`;
    await s.then.rollout('history').hasReplicaSets({ [newest]: 2 });
    const kept = Array.from({ length: limit + 1 }, (_, i) => `example/app:v${updates + 1 - i}`).sort();
    let images: string[] = [];
    await eventually(`${limit + 1} ReplicaSets kept`, async () => {
      images = (await world.cluster.replicaSets(s.namespace))
        .filter((rs) => ownedBy(rs, 'history') && rs.metadata?.deletionTimestamp === undefined)
        .map((rs) => rs.spec?.template?.spec?.containers[0]?.image ?? '')
        .sort();
      return JSON.stringify(images) === JSON.stringify(kept) ? undefined : `got ${images.join(', ')}`;
    }, { diagnostics: () => world.diagnostics() });
    expect(images).toHaveLength(limit + 1);
    const ro = await world.cluster.rollout(s.namespace, 'history');
    expect(ro?.metadata?.annotations?.['rollout.argoproj.io/revision']).toBe(String(updates + 1));
  });
});

describe('canary anti-affinity (seed S10)', () => {
  // parity: argo-rollouts utils/replicaset/replicaset.go CreateInjectedAntiAffinityRule
  const term = (stable: string, namespace: string): Record<string, unknown> => ({
    labelSelector: { matchExpressions: [{ key: HASH, operator: 'In', values: [stable] }] },
    namespaces: [namespace],
    topologyKey: 'kubernetes.io/hostname',
  });
  it.each([
    {
      name: 'preferred, weight 1',
      yaml: '      antiAffinity:\n        preferredDuringSchedulingIgnoredDuringExecution: {weight: 1}',
      expected: (stable: string, ns: string) => ({ preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: term(stable, ns) }] }),
    },
    {
      name: 'required',
      yaml: '      antiAffinity:\n        requiredDuringSchedulingIgnoredDuringExecution: {}',
      expected: (stable: string, ns: string) => ({ requiredDuringSchedulingIgnoredDuringExecution: [term(stable, ns)] }),
    },
  ])('$name: the canary ReplicaSet and its pod avoid nodes running the stable hash; the stable RS has no such rule', async ({ name, yaml, expected }) => {
    const s = await scenario(world, name.startsWith('pref') ? 'anti-preferred' : 'anti-required');
    await s.given.manifest(rolloutYaml('anti', 2, '', `${yaml}\n      steps:\n      - setWeight: 50\n      - pause: {}`));
    await s.then.rollout('anti').reaches({ phase: 'Healthy', replicas: 2, available: 2 });
    await s.when.setImage('anti', 'app', 'example/app:v2');
    await s.then.rollout('anti').reaches({ phase: 'Paused', step: 1, updated: 1 });
    await s.then.rollout('anti').hasReplicaSets({ [V1]: 1, 'example/app:v2': 1 });
    const ro = await world.cluster.rollout(s.namespace, 'anti');
    const stable = ro?.status?.stableRS ?? '';
    expect(stable).not.toBe('');
    const canaryRS = await replicaSetOf(s, 'anti', ro?.status?.currentPodHash);
    const stableRS = await replicaSetOf(s, 'anti', stable);
    expect(canaryRS?.spec?.template?.spec?.affinity?.podAntiAffinity).toEqual(expected(stable, s.namespace));
    expect(stableRS?.spec?.template?.spec?.affinity).toBeUndefined();
    await eventually('the canary pod carries the anti-affinity', async () => {
      const pods = (await world.cluster.pods(s.namespace)).filter((p) => p.metadata?.labels?.[HASH] === ro?.status?.currentPodHash);
      if (pods.length !== 1) return `${pods.length} canary pods`;
      try {
        expect(pods[0]?.spec?.affinity?.podAntiAffinity).toEqual(expected(stable, s.namespace));
        return undefined;
      } catch (err) {
        return String(err);
      }
    }, { diagnostics: () => world.diagnostics() });

    await s.when.promote('anti');
    await s.then.rollout('anti').reaches({ phase: 'Healthy', updated: 2, available: 2, stableIsCurrent: true });
    await s.then.rollout('anti').hasReplicaSets({ 'example/app:v2': 2 });
  });
});

describe('setCanaryScale with Istio (seed S13)', () => {
  const manifest = (steps: string): string => `
apiVersion: v1
kind: Service
metadata: {name: scale-stable}
spec:
  selector: {app: scale}
  ports: [{name: http, port: 9080}]
---
apiVersion: v1
kind: Service
metadata: {name: scale-canary}
spec:
  selector: {app: scale}
  ports: [{name: http, port: 9080}]
---
apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata: {name: scale-vs}
spec:
  hosts: [scale]
  http:
  - name: primary
    route:
    - destination: {host: scale-stable}
      weight: 100
    - destination: {host: scale-canary}
      weight: 0
---${rolloutYaml('scale', 5, '', `      canaryService: scale-canary
      stableService: scale-stable
      scaleDownDelaySeconds: 2
      trafficRouting:
        istio:
          virtualService: {name: scale-vs, routes: [primary]}
      steps:
${steps}`)}`;
  const weights = (stable: number): Record<string, number> => ({ 'scale-stable': stable, 'scale-canary': 100 - stable });

  it('sizes the canary by setCanaryScale independently of the VirtualService weight; matchTrafficWeight returns to weight sizing', async () => {
    const s = await scenario(world, 'canary-scale');
    await s.given.manifest(manifest(`      - setCanaryScale: {replicas: 3}
      - setWeight: 20
      - pause: {}
      - setCanaryScale: {weight: 40}
      - pause: {}
      - setCanaryScale: {matchTrafficWeight: true}
      - pause: {}`));
    await s.then.rollout('scale').reaches({ phase: 'Healthy', replicas: 5, available: 5 });
    await s.then.virtualService('scale-vs', 'primary', weights(100));

    await s.when.setImage('scale', 'app', 'example/app:v2');
    // replicas: 3 at weight 20 — three canary pods while only 20 % of traffic goes to them; stable stays full
    await s.then.rollout('scale').reaches({ phase: 'Paused', step: 2, updated: 3 });
    await s.then.rollout('scale').hasReplicaSets({ [V1]: 5, 'example/app:v2': 3 });
    await s.then.virtualService('scale-vs', 'primary', weights(80));

    await s.when.promote('scale');
    // weight: 40 → ceil(0.4 × 5) = 2 canary pods, traffic still 20 %
    await s.then.rollout('scale').reaches({ phase: 'Paused', step: 4 });
    await s.then.rollout('scale').hasReplicaSets({ [V1]: 5, 'example/app:v2': 2 });
    await s.then.virtualService('scale-vs', 'primary', weights(80));

    await s.when.promote('scale');
    // matchTrafficWeight → ceil(0.2 × 5) = 1 canary pod
    await s.then.rollout('scale').reaches({ phase: 'Paused', step: 6 });
    await s.then.rollout('scale').hasReplicaSets({ [V1]: 5, 'example/app:v2': 1 });
    await s.then.virtualService('scale-vs', 'primary', weights(80));
    await s.then.rollout('scale').recorded(['TrafficWeightUpdated', 'RolloutStepCompleted', 'RolloutPaused']);

    await s.when.promote('scale');
    await s.then.rollout('scale').reaches({ phase: 'Healthy', step: 7, updated: 5, available: 5, stableIsCurrent: true });
    await s.then.rollout('scale').hasReplicaSets({ 'example/app:v2': 5 });
    await s.then.virtualService('scale-vs', 'primary', weights(100));
  });

  // Seed quirk §9.3: the seed's step sets all three keys. Upstream (utils/replicaset/canary.go UseSetCanaryScale,
  // GetCanaryReplicasOrWeight): matchTrafficWeight wins over replicas/weight; otherwise replicas wins over weight.
  it('with several keys: replicas beats weight, matchTrafficWeight beats both (the seed step)', async () => {
    const s = await scenario(world, 'canary-scale-keys');
    await s.given.manifest(manifest(`      - setCanaryScale: {replicas: 3, weight: 20}
      - setWeight: 40
      - pause: {}
      - setCanaryScale: {matchTrafficWeight: true, replicas: 3, weight: 20}
      - pause: {}`));
    await s.then.rollout('scale').reaches({ phase: 'Healthy', replicas: 5, available: 5 });
    await s.when.setImage('scale', 'app', 'example/app:v2');
    await s.then.rollout('scale').reaches({ phase: 'Paused', step: 2 });
    await s.then.rollout('scale').hasReplicaSets({ [V1]: 5, 'example/app:v2': 3 });
    await s.then.virtualService('scale-vs', 'primary', weights(60));

    await s.when.promote('scale');
    // ceil(0.4 × 5) = 2
    await s.then.rollout('scale').reaches({ phase: 'Paused', step: 4 });
    await s.then.rollout('scale').hasReplicaSets({ [V1]: 5, 'example/app:v2': 2 });
    await s.then.virtualService('scale-vs', 'primary', weights(60));

    await s.when.promote('scale', { full: true });
    await s.then.rollout('scale').reaches({ phase: 'Healthy', step: 5, updated: 5, available: 5, stableIsCurrent: true });
    await s.then.virtualService('scale-vs', 'primary', weights(100));
  });
});
