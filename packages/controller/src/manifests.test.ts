/**
 * manifests/install.yaml: generated from crds/ + manifests/base/, applies with the real kubectl,
 * agrees with the binary's flags, and its RBAC allows every request the controller actually made
 * while promoting a Rollout on the sandbox (and nothing cluster-wide for Leases).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RequestRecord, startSandbox } from '@serin/sandbox';
import { createKubeClient } from '@serin/kube';
import { parseAllDocuments } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SandboxFixture, aRollout, repoRoot, startSandboxWithCrds, until } from './__fixtures__/sandbox.js';
import { DefaultFlags, parseFlags } from './flags.js';
import { HealthzPath } from './http-servers.js';
import { runController } from './run.js';
import { createAnalysisRunReconciler, createExperimentReconciler, createRolloutReconciler } from './wiring.js';

interface Doc {
  kind: string;
  metadata: { name: string; namespace?: string };
  [k: string]: unknown;
}
interface Rule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

const installPath = join(repoRoot, 'manifests/install.yaml');
const docs = (): Doc[] => parseAllDocuments(readFileSync(installPath, 'utf8')).map((d) => d.toJS() as Doc);
const find = (kind: string, name: string): Doc => {
  const d = docs().find((x) => x.kind === kind && x.metadata.name === name);
  if (d === undefined) throw new Error(`${kind}/${name} not in install.yaml`);
  return d;
};

interface Access {
  readonly group: string;
  readonly resource: string;
  readonly verb: string;
  readonly namespace: string;
}

/** RBAC attributes of one served request (group, resource[/subresource], verb, namespace). */
function accessOf(r: RequestRecord): Access | undefined {
  const parts = r.path.split('/').filter((p) => p !== '');
  let rest: string[];
  let group: string;
  if (parts[0] === 'api') [group, rest] = ['', parts.slice(2)];
  else if (parts[0] === 'apis') [group, rest] = [parts[1] ?? '', parts.slice(3)];
  else return undefined;
  let namespace = '';
  if (rest[0] === 'namespaces' && rest.length >= 3) [namespace, rest] = [rest[1] ?? '', rest.slice(2)];
  const [resource, name, sub] = rest;
  if (resource === undefined) return undefined;
  const watch = /(^|[?&])watch=(true|1)(&|$)/.test(r.query);
  const verbs: Record<string, string> = { POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete' };
  const verb = r.method === 'GET' ? (watch ? 'watch' : name === undefined ? 'list' : 'get') : (verbs[r.method] ?? r.method.toLowerCase());
  return { group, resource: sub === undefined ? resource : `${resource}/${sub}`, verb, namespace };
}

/** The real kubectl against the fixture's sandbox (async: the sandbox serves from this process). */
function kubectl(fx: SandboxFixture, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('kubectl', ['--kubeconfig', fx.kubeconfigPath, '--cache-dir', join(fx.dir, 'cache'), ...args], { env: { ...process.env, HOME: fx.dir } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Runs serin-controller (in process, binary wiring) with `argv`, lets `work` drive the cluster, then stops it
 * (exit 0 asserted) and returns every request the sandbox served to anything but kubectl meanwhile.
 */
async function requestsOfController(fx: SandboxFixture, argv: string[], podNamespace: string, work: () => Promise<void>): Promise<RequestRecord[]> {
  const served: RequestRecord[] = [];
  const stop = fx.sandbox.onRequest((r) => {
    if (!r.userAgent.includes('kubectl')) served.push(r);
  });
  let terminate: () => void = () => undefined;
  const done = runController({
    argv: ['--kubeconfig', fx.kubeconfigPath, '--healthzPort=0', '--metricsPort=0', ...argv],
    env: { POD_NAMESPACE: podNamespace },
    version: 'v0-test',
    createRolloutReconciler,
    createAnalysisRunReconciler: (ctx) => createAnalysisRunReconciler(ctx),
    createExperimentReconciler,
    terminated: new Promise<void>((r) => (terminate = r)),
    host: '127.0.0.1',
    stderr: () => undefined,
  });
  try {
    await work();
  } finally {
    terminate();
    expect(await done).toBe(0);
    stop();
  }
  return served;
}

/** Updates rollout `web` (canary: setWeight 50, pause 1 s) to a new image and waits for a new stable RS. */
async function promoteWeb(client: ReturnType<typeof createKubeClient>, ns: string): Promise<void> {
  await until(async () => (await client.clients.rollouts.get(ns, 'web')).status?.phase === 'Healthy', 'Healthy');
  const firstStable = (await client.clients.rollouts.get(ns, 'web')).status?.stableRS;
  await client.clients.rollouts.patchMerge(ns, 'web', { spec: { template: { spec: { containers: [{ name: 'app', image: 'nginx:1.26' }] } } } });
  // through step 0 (setWeight 50) and the 1 s pause to a new stable ReplicaSet
  await until(async () => {
    const r = await client.clients.rollouts.get(ns, 'web');
    return r.status?.phase === 'Healthy' && r.status.currentStepIndex === 2 && r.status.stableRS !== firstStable && r.status.stableRS === r.status.currentPodHash;
  }, 'promoted');
}

const allows = (rules: readonly Rule[], a: Access): boolean => rules.some((r) => r.apiGroups.includes(a.group) && r.resources.includes(a.resource) && r.verbs.includes(a.verb));

describe('manifests/install.yaml', () => {
  it('is up to date with crds/ and manifests/base/', () => {
    const res = spawnSync(process.execPath, [join(repoRoot, 'manifests/gen-install.mjs'), '--check'], { encoding: 'utf8' });
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
  });

  it('holds the namespace, the five CRDs, the ServiceAccount, RBAC, metrics Service and Deployment (Argo names)', () => {
    expect(docs().map((d) => `${d.kind}/${d.metadata.name}`)).toEqual([
      'Namespace/argo-rollouts',
      'CustomResourceDefinition/analysisruns.argoproj.io',
      'CustomResourceDefinition/analysistemplates.argoproj.io',
      'CustomResourceDefinition/clusteranalysistemplates.argoproj.io',
      'CustomResourceDefinition/experiments.argoproj.io',
      'CustomResourceDefinition/rollouts.argoproj.io',
      'ServiceAccount/argo-rollouts',
      'ClusterRole/argo-rollouts',
      'ClusterRoleBinding/argo-rollouts',
      'Role/argo-rollouts-leader-election',
      'RoleBinding/argo-rollouts-leader-election',
      'Service/argo-rollouts-metrics',
      'Deployment/argo-rollouts',
    ]);
    for (const d of docs()) if (!['Namespace', 'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleBinding'].includes(d.kind)) expect(d.metadata.namespace).toBe('argo-rollouts');
  });

  it('the Deployment runs serin-controller with valid flags, the default ports and the /healthz probe; the Service targets metrics', () => {
    const dep = find('Deployment', 'argo-rollouts') as unknown as {
      spec: { template: { spec: { serviceAccountName: string; containers: Array<{ command: string[]; args: string[]; ports: Array<{ name: string; containerPort: number }>; livenessProbe: { httpGet: { path: string; port: string } }; env: Array<{ name: string }> }> } } };
    };
    const c = dep.spec.template.spec.containers[0];
    expect(c?.command).toEqual(['serin-controller']);
    const { flags } = parseFlags(c?.args ?? []);
    expect(flags.leaderElect).toBe(true);
    expect(Object.fromEntries((c?.ports ?? []).map((p) => [p.name, p.containerPort]))).toEqual({ metrics: DefaultFlags.metricsPort, healthz: DefaultFlags.healthzPort });
    expect(c?.livenessProbe.httpGet).toEqual({ path: HealthzPath, port: 'healthz' });
    expect(c?.env.map((e) => e.name)).toContain('POD_NAMESPACE');
    expect(dep.spec.template.spec.serviceAccountName).toBe('argo-rollouts');
    const svc = find('Service', 'argo-rollouts-metrics') as unknown as { spec: { ports: Array<{ targetPort: number }> } };
    expect(svc.spec.ports[0]?.targetPort).toBe(DefaultFlags.metricsPort);
  });

  it('grants Leases only through a Role in argo-rollouts, never cluster-wide', () => {
    const cluster = (find('ClusterRole', 'argo-rollouts') as unknown as { rules: Rule[] }).rules;
    expect(cluster.some((r) => r.resources.includes('leases'))).toBe(false);
    const role = (find('Role', 'argo-rollouts-leader-election') as unknown as { rules: Rule[] }).rules;
    expect(role).toEqual([{ apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create', 'get', 'update'] }]);
  });

  it('kustomization.yaml renders the same objects (kubectl kustomize)', () => {
    const home = mkdtempSync(join(tmpdir(), 'serin-kustomize-'));
    const res = spawnSync('kubectl', ['kustomize', join(repoRoot, 'manifests')], { encoding: 'utf8', env: { ...process.env, HOME: home }, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
    rmSync(home, { recursive: true, force: true });
    expect([res.status, res.error?.message ?? '', res.stderr]).toEqual([0, '', '']);
    const rendered = parseAllDocuments(res.stdout).map((d) => d.toJS() as Doc);
    expect(rendered.map((d) => `${d.kind}/${d.metadata.name}`).sort()).toEqual(docs().map((d) => `${d.kind}/${d.metadata.name}`).sort());
  });
});

describe('install.yaml on the sandbox', () => {
  let fx: SandboxFixture;
  beforeEach(async () => {
    fx = await startSandboxWithCrds({ podReadyMs: 20 });
  });
  afterEach(async () => {
    await fx.sandbox.close();
    rmSync(fx.dir, { recursive: true, force: true });
  });

  it('applies with the real kubectl (validation on) to an empty cluster', async () => {
    await fx.sandbox.close();
    fx = { ...fx, sandbox: await startSandbox({ port: 0, kubeconfigPath: fx.kubeconfigPath }) }; // no CRDs: install.yaml brings them
    const res = await kubectl(fx, ['apply', '-f', installPath]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout.trim().split('\n')).toEqual([
      'namespace/argo-rollouts created',
      'customresourcedefinition.apiextensions.k8s.io/analysisruns.argoproj.io created',
      'customresourcedefinition.apiextensions.k8s.io/analysistemplates.argoproj.io created',
      'customresourcedefinition.apiextensions.k8s.io/clusteranalysistemplates.argoproj.io created',
      'customresourcedefinition.apiextensions.k8s.io/experiments.argoproj.io created',
      'customresourcedefinition.apiextensions.k8s.io/rollouts.argoproj.io created',
      'serviceaccount/argo-rollouts created',
      'clusterrole.rbac.authorization.k8s.io/argo-rollouts created',
      'clusterrolebinding.rbac.authorization.k8s.io/argo-rollouts created',
      'role.rbac.authorization.k8s.io/argo-rollouts-leader-election created',
      'rolebinding.rbac.authorization.k8s.io/argo-rollouts-leader-election created',
      'service/argo-rollouts-metrics created',
      'deployment.apps/argo-rollouts created',
    ]);
  });

  it('its RBAC allows every request the controller made while promoting a canary, deploying a blue-green Rollout and running an analysis', async () => {
    const nsType = fx.sandbox.api.type('', 'v1', 'namespaces');
    fx.sandbox.api.create(nsType, undefined, { metadata: { name: 'argo-rollouts' } });
    const client = createKubeClient({ kubeconfigPath: fx.kubeconfigPath, qps: 0 });
    const mine = new Set<string>();
    const served = await requestsOfController(fx, [], 'argo-rollouts', async () => {
      // a blue-green Rollout behind its active Service, and an AnalysisRun with a Web metric
      const web = createServer((_req, res) => res.end('{"ok":true}'));
      await new Promise<void>((r) => web.listen(0, '127.0.0.1', r));
      await client.clients.services.create('default', { metadata: { name: 'bg-active' }, spec: { ports: [{ port: 80 }], selector: { app: 'bg' } } });
      const bg = aRollout('bg');
      (bg.spec as { strategy: unknown }).strategy = { blueGreen: { activeService: 'bg-active' } };
      await client.clients.rollouts.create('default', bg);
      await client.clients.analysisRuns.create('default', {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'AnalysisRun',
        metadata: { name: 'check' },
        spec: { metrics: [{ name: 'ok', successCondition: 'result == true', provider: { web: { url: `http://127.0.0.1:${(web.address() as AddressInfo).port}/`, jsonPath: '{$.ok}' } } }] },
      } as never);
      client.requests.onRequest((l) => mine.add(`${l.verb} ${l.kind} ${l.namespace}`));
      await client.clients.rollouts.create('default', aRollout('web', { replicas: 2, steps: [{ setWeight: 50 }, { pause: { duration: 1 } }] }));
      await promoteWeb(client, 'default');
      await until(async () => (await client.clients.rollouts.get('default', 'bg')).status?.phase === 'Healthy', 'blue-green Healthy');
      await until(async () => (await client.clients.analysisRuns.get('default', 'check')).status?.phase === 'Successful', 'analysis Successful');
      await new Promise((r) => web.close(r));
    });

    const cluster = (find('ClusterRole', 'argo-rollouts') as unknown as { rules: Rule[] }).rules;
    const role = (find('Role', 'argo-rollouts-leader-election') as unknown as { rules: Rule[] }).rules;
    const accesses = served.map(accessOf).filter((a): a is Access => a !== undefined);
    // the test's own requests (same user agent), all in `default`: rollouts create/get/patch, services create, analysisruns create/get
    const own: Record<string, readonly string[]> = { rollouts: ['create', 'get', 'patch'], services: ['create'], analysisruns: ['create', 'get'] };
    const testClient = (a: Access): boolean => a.namespace === 'default' && (own[a.resource] ?? []).includes(a.verb);
    const controller = accesses.filter((a) => !testClient(a));
    expect(controller.length).toBeGreaterThan(0);
    const denied = controller.filter((a) => !(allows(cluster, a) || (a.namespace === 'argo-rollouts' && allows(role, a))));
    expect([...new Set(denied.map((a) => `${a.verb} ${a.group}/${a.resource} ns=${a.namespace}`))]).toEqual([]);
    const kinds = new Set(controller.map((a) => `${a.verb} ${a.resource}`));
    // (the sandbox reports watches only when they end, so lists stand in for list+watch here)
    for (const k of ['list rollouts', 'list replicasets', 'create replicasets', 'patch rollouts/status', 'create events', 'update leases', 'patch analysisruns', 'list jobs']) expect(kinds).toContain(k);
    expect(mine.size).toBeGreaterThan(0);
  });
});

const nsInstallPath = join(repoRoot, 'manifests/namespace-install.yaml');
const nsDocs = (): Doc[] => parseAllDocuments(readFileSync(nsInstallPath, 'utf8')).map((d) => d.toJS() as Doc);
const nsFind = (kind: string): Doc => {
  const d = nsDocs().find((x) => x.kind === kind);
  if (d === undefined) throw new Error(`${kind} not in namespace-install.yaml`);
  return d;
};

describe('manifests/namespace-install.yaml (upstream namespace-install: the controller for one namespace)', () => {
  it('holds only namespaced objects without a namespace of their own, so `kubectl apply -n <ns>` places them', () => {
    expect(nsDocs().map((d) => `${d.kind}/${d.metadata.name}`)).toEqual([
      'ServiceAccount/argo-rollouts',
      'Role/argo-rollouts',
      'RoleBinding/argo-rollouts',
      'Service/argo-rollouts-metrics',
      'Deployment/argo-rollouts',
    ]);
    expect(nsDocs().filter((d) => d.metadata.namespace !== undefined)).toEqual([]);
    const binding = nsFind('RoleBinding') as unknown as { roleRef: { kind: string; name: string }; subjects: Array<{ kind: string; name: string; namespace?: string }> };
    expect(binding.roleRef).toMatchObject({ kind: 'Role', name: 'argo-rollouts' });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'argo-rollouts' }]);
  });

  it("the Role is the ClusterRole's namespaced rules plus the Lease rule; the controller runs with --namespaced", () => {
    const role = (nsFind('Role') as unknown as { rules: Rule[] }).rules;
    const cluster = (find('ClusterRole', 'argo-rollouts') as unknown as { rules: Rule[] }).rules;
    const lease = (find('Role', 'argo-rollouts-leader-election') as unknown as { rules: Rule[] }).rules;
    const namespacedOnly = cluster.map((r) => ({ ...r, resources: r.resources.filter((x) => x !== 'clusteranalysistemplates') }));
    expect(role).toEqual([...namespacedOnly, ...lease]);
    const dep = nsFind('Deployment') as unknown as { spec: { template: { spec: { containers: Array<{ args: string[]; readinessProbe: { httpGet: { path: string } } }> } } } };
    const c = dep.spec.template.spec.containers[0];
    const { flags } = parseFlags(c?.args ?? []);
    expect([flags.namespaced, flags.leaderElect]).toEqual([true, true]);
    expect(c?.readinessProbe.httpGet.path).toBe(HealthzPath);
  });

  describe('on the sandbox', () => {
    let fx: SandboxFixture;
    beforeEach(async () => {
      fx = await startSandboxWithCrds({ podReadyMs: 20 });
    });
    afterEach(async () => {
      await fx.sandbox.close();
      rmSync(fx.dir, { recursive: true, force: true });
    });

    it('applies into a namespace with the real kubectl, and its Role allows every request a --namespaced controller makes there', async () => {
      fx.sandbox.api.create(fx.sandbox.api.type('', 'v1', 'namespaces'), undefined, { metadata: { name: 'team-a' } });
      const res = await kubectl(fx, ['apply', '-n', 'team-a', '-f', nsInstallPath]);
      expect([res.code, res.stderr]).toEqual([0, '']);
      expect(res.stdout.trim().split('\n')).toEqual([
        'serviceaccount/argo-rollouts created',
        'role.rbac.authorization.k8s.io/argo-rollouts created',
        'rolebinding.rbac.authorization.k8s.io/argo-rollouts created',
        'service/argo-rollouts-metrics created',
        'deployment.apps/argo-rollouts created',
      ]);

      const client = createKubeClient({ kubeconfigPath: fx.kubeconfigPath, qps: 0 });
      const served = await requestsOfController(fx, ['--namespaced', '-n', 'team-a'], 'team-a', async () => {
        await client.clients.rollouts.create('team-a', aRollout('web', { replicas: 2, steps: [{ setWeight: 50 }, { pause: { duration: 1 } }] }));
        await promoteWeb(client, 'team-a');
      });

      const role = (nsFind('Role') as unknown as { rules: Rule[] }).rules;
      const own: Record<string, readonly string[]> = { rollouts: ['create', 'get', 'patch'] };
      const controller = served.map(accessOf).filter((a): a is Access => a !== undefined && !(own[a.resource] ?? []).includes(a.verb));
      expect(controller.length).toBeGreaterThan(0);
      const denied = controller.filter((a) => !(a.namespace === 'team-a' && allows(role, a)));
      expect([...new Set(denied.map((a) => `${a.verb} ${a.group}/${a.resource} ns=${a.namespace}`))]).toEqual([]);
      const kinds = new Set(controller.map((a) => `${a.verb} ${a.resource}`));
      for (const k of ['list rollouts', 'create replicasets', 'patch rollouts/status', 'update leases']) expect(kinds).toContain(k);
    });
  });
});
