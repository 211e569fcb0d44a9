// `pnpm bench`: start a sandbox in a child process, create 10,000 ReplicaSets and 20,000 Pods over HTTP while
// 20 watchers follow the pods, then LIST both kinds. Prints objects/s, p50/p99 request latency and server RSS.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { Registry } from './registry.js';
import { SandboxApi } from './ops/api.js';
import { Store } from './store.js';

const REPLICA_SETS = Number(process.env['BENCH_REPLICASETS'] ?? 10_000);
const PODS = Number(process.env['BENCH_PODS'] ?? 20_000);
const WATCHERS = 20;
const CONCURRENCY = 32;
const LIST_ROUNDS = 5;
const NAMESPACES = ['default', 'team-a', 'team-b', 'team-c'];

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function call(base: string, method: string, path: string, body?: unknown): Promise<{ status: number; bytes: number; text: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(`${base}${path}`, { method, agent, headers: { 'Content-Type': 'application/json', Accept: 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const buf = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, bytes: buf.length, text: buf.toString() });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function summary(label: string, count: number, elapsedMs: number, latencies: number[]): string {
  const sorted = [...latencies].sort((a, b) => a - b);
  const rate = Math.round((count / elapsedMs) * 1000);
  return `${label.padEnd(34)} ${String(count).padStart(7)} objects  ${String(rate).padStart(7)} objects/s  p50 ${percentile(sorted, 50).toFixed(2)} ms  p99 ${percentile(sorted, 99).toFixed(2)} ms`;
}

/** Runs `count` requests with bounded concurrency; returns per-request latencies (ms). */
async function runBatch(count: number, make: (i: number) => Promise<{ status: number }>): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      const t0 = performance.now();
      const r = await make(i);
      latencies.push(performance.now() - t0);
      if (r.status >= 300) throw new Error(`request ${i} failed with ${r.status}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return latencies;
}

const replicaSet = (i: number): unknown => {
  const app = `app-${i % 500}`;
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: `rs-${i}`, labels: { app, 'rollouts-pod-template-hash': `h${i}` } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app, 'rollouts-pod-template-hash': `h${i}` } },
      template: { metadata: { labels: { app, 'rollouts-pod-template-hash': `h${i}` } }, spec: { containers: [{ name: 'main', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }] } },
    },
  };
};

const pod = (i: number): unknown => {
  const rs = Math.floor(i / 2);
  const app = `app-${rs % 500}`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `rs-${rs}-${i % 2 === 0 ? 'a' : 'b'}x${i}`,
      labels: { app, 'rollouts-pod-template-hash': `h${rs}` },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `rs-${rs}`, uid: `uid-${rs}`, controller: true, blockOwnerDeletion: true }],
    },
    spec: { nodeName: 'bench-node', containers: [{ name: 'main', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }] },
  };
};

function serverRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** Opens a watch and counts event lines. */
function watchCounter(base: string, path: string): { count: () => number; close: () => void } {
  let lines = 0;
  const req = request(`${base}${path}`, { headers: { Accept: 'application/json' } }, (res) => {
    res.on('data', (c: Buffer) => {
      for (const byte of c) if (byte === 10) lines++;
    });
  });
  req.on('error', () => undefined);
  req.end();
  return { count: () => lines, close: () => req.destroy() };
}

async function startServer(): Promise<{ url: string; pid: number; stop: () => void }> {
  const main = new URL('./main.ts', import.meta.url).pathname;
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions', 'serin-source', main, '--port', '0', '--no-controllers'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /serin-sandbox ready (\S+)/.exec(out);
      if (m?.[1] !== undefined) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`sandbox exited with ${String(code)}`)));
  });
  return { url, pid: child.pid ?? 0, stop: () => child.kill('SIGTERM') };
}

async function main(): Promise<void> {
  const server = await startServer();
  const base = server.url;
  const lines: string[] = [`serin-sandbox bench (${REPLICA_SETS} ReplicaSets, ${PODS} Pods, ${WATCHERS} pod watchers, concurrency ${CONCURRENCY})`];
  for (const ns of NAMESPACES.slice(1)) await call(base, 'POST', '/api/v1/namespaces', { metadata: { name: ns } });
  const rssStart = serverRssMb(server.pid);

  let t0 = performance.now();
  const rsLatencies = await runBatch(REPLICA_SETS, (i) => call(base, 'POST', `/apis/apps/v1/namespaces/${NAMESPACES[i % NAMESPACES.length] ?? 'default'}/replicasets`, replicaSet(i)));
  lines.push(summary('create ReplicaSets', REPLICA_SETS, performance.now() - t0, rsLatencies));

  const list0 = JSON.parse((await call(base, 'GET', '/api/v1/pods?limit=1')).text) as { metadata: { resourceVersion: string } };
  const watchers = Array.from({ length: WATCHERS }, () => watchCounter(base, `/api/v1/pods?watch=true&resourceVersion=${list0.metadata.resourceVersion}`));
  t0 = performance.now();
  const podLatencies = await runBatch(PODS, (i) => call(base, 'POST', `/api/v1/namespaces/${NAMESPACES[i % NAMESPACES.length] ?? 'default'}/pods`, pod(i)));
  const createdMs = performance.now() - t0;
  lines.push(summary('create Pods (20 watchers open)', PODS, createdMs, podLatencies));
  const expected = PODS * WATCHERS;
  const total = (): number => watchers.reduce((n, w) => n + w.count(), 0);
  while (total() < expected) await new Promise((r) => setTimeout(r, 5));
  const fanoutMs = performance.now() - t0;
  lines.push(`${'watch fan-out'.padEnd(34)} ${String(expected).padStart(7)} events   ${String(Math.round((expected / fanoutMs) * 1000)).padStart(7)} events/s  (all ${WATCHERS} watchers caught up ${Math.round(fanoutMs - createdMs)} ms after the last create)`);
  for (const w of watchers) w.close();

  for (const [label, path, count] of [
    ['LIST all ReplicaSets', '/apis/apps/v1/replicasets', REPLICA_SETS],
    ['LIST all Pods', '/api/v1/pods', PODS],
    ['LIST Pods by label (one app)', '/api/v1/pods?labelSelector=app%3Dapp-7', 0],
  ] as const) {
    const latencies: number[] = [];
    let items = 0;
    let bytes = 0;
    const start = performance.now();
    for (let r = 0; r < LIST_ROUNDS; r++) {
      const t = performance.now();
      const res = await call(base, 'GET', path);
      latencies.push(performance.now() - t);
      items += (JSON.parse(res.text) as { items: unknown[] }).items.length;
      bytes = res.bytes;
    }
    if (count > 0 && items !== count * LIST_ROUNDS) throw new Error(`${label}: got ${items / LIST_ROUNDS} items, expected ${count}`);
    lines.push(`${summary(label, items / LIST_ROUNDS, (performance.now() - start) / LIST_ROUNDS, latencies)}  ${(bytes / 1e6).toFixed(1)} MB/list`);
  }
  lines.push(`server RSS: ${rssStart} MB at start, ${serverRssMb(server.pid)} MB with ${REPLICA_SETS + PODS} objects`);
  server.stop();
  agent.destroy();
  lines.push(inProcess());
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** The same objects written through SandboxApi without HTTP: write throughput and heap per object. */
function inProcess(): string {
  const store = new Store();
  const api = new SandboxApi({ store, registry: new Registry(), now: () => new Date() });
  for (const name of NAMESPACES) api.create(api.type('', 'v1', 'namespaces'), undefined, { metadata: { name } });
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const rs = api.type('apps', 'v1', 'replicasets');
  const pods = api.type('', 'v1', 'pods');
  for (let i = 0; i < REPLICA_SETS; i++) api.create(rs, NAMESPACES[i % NAMESPACES.length], replicaSet(i), { fieldManager: 'bench' });
  for (let i = 0; i < PODS; i++) api.create(pods, NAMESPACES[i % NAMESPACES.length], pod(i), { fieldManager: 'bench' });
  const ms = performance.now() - t0;
  const perObject = Math.round((process.memoryUsage().heapUsed - heapBefore) / (REPLICA_SETS + PODS));
  return `in-process (no HTTP): ${Math.round(((REPLICA_SETS + PODS) / ms) * 1000)} creates/s, ~${perObject} heap bytes per stored object (history included)`;
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
