// Cold-start benchmark: wall time of `kubectl-argo-rollouts get rollout` (bundle, fresh process each run)
// against `node -e ''`, median of 10, with the canary fixture loaded into an in-process sandbox.
// Run: pnpm --filter @serin/plugin bench   (builds the bundle first if missing)
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { startSandbox } from '@serin/sandbox';

const pluginDir = fileURLToPath(new URL('..', import.meta.url));
const crdDir = join(pluginDir, '../crds');
const fixture = JSON.parse(readFileSync('/work/shared/upstream/argo-rollouts/cli-fixtures/TestGetCanaryRollout/objects.json', 'utf8'));
const runs = Number(process.env.BENCH_RUNS ?? 10);

if (!existsSync(join(pluginDir, 'dist/kubectl-argo-rollouts.mjs'))) execFileSync(process.execPath, [join(pluginDir, 'scripts/build.mjs')], { stdio: 'inherit' });

const dir = mkdtempSync(join(tmpdir(), 'serin-bench-'));
const sandbox = await startSandbox({ port: 0, kubeconfigPath: join(dir, 'kubeconfig'), controllers: false });

async function call(method, path, body, type = 'application/json') {
  const res = await fetch(sandbox.url + path, { method, headers: { 'Content-Type': type }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}
const plural = { Rollout: 'rollouts', ReplicaSet: 'replicasets', Pod: 'pods' };
const base = { Rollout: '/apis/argoproj.io/v1alpha1', ReplicaSet: '/apis/apps/v1', Pod: '/api/v1' };
for (const f of readdirSync(crdDir).filter((n) => n.endsWith('.yaml'))) await call('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', parse(readFileSync(join(crdDir, f), 'utf8')));
await call('POST', '/api/v1/namespaces', { metadata: { name: fixture.namespace } });
const uids = new Map();
for (const kind of ['Rollout', 'ReplicaSet', 'Pod']) {
  for (const o of fixture.objects.filter((x) => x.kind === kind)) {
    const refs = (o.metadata.ownerReferences ?? []).map((r) => ({ ...r, uid: uids.get(`${r.kind}/${r.name}`) ?? r.uid }));
    const path = `${base[kind]}/namespaces/${fixture.namespace}/${plural[kind]}`;
    const saved = await call('POST', path, { ...o, metadata: { ...o.metadata, ownerReferences: refs }, status: undefined });
    uids.set(`${kind}/${o.metadata.name}`, saved.metadata.uid);
    if (o.status) await call('PATCH', `${path}/${o.metadata.name}/status`, { status: o.status }, 'application/merge-patch+json');
  }
}

function time(cmd, args, env) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => (code === 0 ? resolve(Number(process.hrtime.bigint() - t0) / 1e6) : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err}`))));
  });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function measure(label, cmd, args, env = process.env) {
  await time(cmd, args, env); // warm the OS file cache once; every measured run is a fresh process
  const xs = [];
  for (let i = 0; i < runs; i++) xs.push(await time(cmd, args, env));
  console.log(`${label.padEnd(52)} median ${median(xs).toFixed(0).padStart(5)} ms  (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`);
  return median(xs);
}

const env = { ...process.env, KUBECONFIG: join(dir, 'kubeconfig'), HOME: dir };
const bin = join(pluginDir, 'bin/kubectl-argo-rollouts');
try {
  const baseline = await measure("node -e ''", process.execPath, ['-e', '']);
  await measure('kubectl-argo-rollouts version', process.execPath, [bin, 'version'], env);
  const get = await measure('kubectl-argo-rollouts get rollout canary-demo', process.execPath, [bin, 'get', 'rollout', 'canary-demo', '-n', fixture.namespace, '--no-color'], env);
  console.log(`get rollout over baseline: ${(get - baseline).toFixed(0)} ms (target: get < 250 ms)`);
} finally {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
}
