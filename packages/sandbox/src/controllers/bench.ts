// `pnpm bench` (part 2): a sandbox child process with its controllers and kubelet; create 1,000 ReplicaSets × 3
// replicas over HTTP and wait (watching ReplicaSets) until every one reports 3 ready replicas. Prints the time to
// all-ready, the writes the controllers made (resourceVersion delta), LIST checks and the server's RSS.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';

const REPLICA_SETS = Number(process.env['BENCH_CLUSTER_REPLICASETS'] ?? 1000);
const REPLICAS = 3;
const POD_READY_MS = Number(process.env['BENCH_POD_READY_MS'] ?? 100);
const CONCURRENCY = 32;
const TIMEOUT_MS = 300_000;

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function call(base: string, method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(`${base}${path}`, { method, agent, headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'User-Agent': 'serin-bench/1' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

const replicaSet = (i: number): unknown => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: `rs-${i}`, labels: { app: `app-${i}` } },
  spec: {
    replicas: REPLICAS,
    selector: { matchLabels: { app: `app-${i}` } },
    template: { metadata: { labels: { app: `app-${i}` } }, spec: { containers: [{ name: 'main', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }] } },
  },
});

function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function startServer(): Promise<{ url: string; pid: number; stop: () => void }> {
  const main = new URL('../main.ts', import.meta.url).pathname;
  const args = ['--import', 'tsx', '--conditions', 'serin-source', main, '--port', '0', '--pod-ready-ms', String(POD_READY_MS)];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
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

interface ReplicaSetEvent {
  type: string;
  object: { metadata: { name: string }; status?: { readyReplicas?: number } };
}

/** Follows ReplicaSets over a watch; resolves when `count` of them report `replicas` ready. */
function allReady(base: string, fromRV: string, count: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const ready = new Set<string>();
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`only ${ready.size}/${count} ReplicaSets ready after ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    const req = request(`${base}/apis/apps/v1/replicasets?watch=true&resourceVersion=${fromRV}`, { headers: { Accept: 'application/json' } }, (res) => {
      res.on('data', (c: Buffer) => {
        buffered += c.toString();
        let nl: number;
        while ((nl = buffered.indexOf('\n')) >= 0) {
          const ev = JSON.parse(buffered.slice(0, nl)) as ReplicaSetEvent;
          buffered = buffered.slice(nl + 1);
          if ((ev.object.status?.readyReplicas ?? 0) >= REPLICAS) ready.add(ev.object.metadata.name);
          else ready.delete(ev.object.metadata.name);
          if (ready.size === count) {
            clearTimeout(timer);
            req.destroy();
            resolve();
          }
        }
      });
    });
    req.on('error', () => undefined);
    req.end();
  });
}

let stopServer: (() => void) | undefined;

async function main(): Promise<void> {
  const server = await startServer();
  stopServer = server.stop;
  const base = server.url;
  const lines = [`serin-sandbox cluster bench (${REPLICA_SETS} ReplicaSets × ${REPLICAS} pods, --pod-ready-ms ${POD_READY_MS}, concurrency ${CONCURRENCY})`];
  const rssStart = rssMb(server.pid);
  const rv0 = (JSON.parse((await call(base, 'GET', '/apis/apps/v1/replicasets?limit=1')).text) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
  const waiting = allReady(base, rv0, REPLICA_SETS);

  const t0 = performance.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < REPLICA_SETS) {
      const i = next++;
      const r = await call(base, 'POST', '/apis/apps/v1/namespaces/default/replicasets', replicaSet(i));
      if (r.status !== 201) throw new Error(`create rs-${i}: ${r.status} ${r.text}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const createdMs = performance.now() - t0;
  await waiting;
  const readyMs = performance.now() - t0;

  const pods = JSON.parse((await call(base, 'GET', '/api/v1/pods')).text) as { metadata: { resourceVersion: string }; items: { status?: { conditions?: { type: string; status: string }[] } }[] };
  const readyPods = pods.items.filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length;
  if (pods.items.length !== REPLICA_SETS * REPLICAS || readyPods !== pods.items.length) throw new Error(`expected ${REPLICA_SETS * REPLICAS} ready pods, got ${readyPods}/${pods.items.length}`);
  const writes = Number(pods.metadata.resourceVersion) - Number(rv0);
  const requests = JSON.parse((await call(base, 'GET', '/serin/requests')).text) as { total: number; writes: number };

  lines.push(`created ${REPLICA_SETS} ReplicaSets over HTTP in ${Math.round(createdMs)} ms`);
  lines.push(`all ${REPLICA_SETS} ReplicaSets ready (${pods.items.length} pods Running+Ready) ${Math.round(readyMs)} ms after the first create (${Math.round(readyMs - createdMs)} ms after the last)`);
  lines.push(`store writes: ${writes} (${(writes / REPLICA_SETS).toFixed(1)} per ReplicaSet: ${REPLICA_SETS} creates over HTTP, the rest by the controllers and kubelet); HTTP requests served: ${requests.total}`);
  lines.push(`server RSS: ${rssStart} MB at start, ${rssMb(server.pid)} MB with ${REPLICA_SETS} ReplicaSets and ${pods.items.length} pods`);
  server.stop();
  agent.destroy();
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`cluster bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  stopServer?.();
  process.exit(1);
});
