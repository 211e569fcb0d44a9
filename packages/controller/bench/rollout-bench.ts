/**
 * `pnpm bench` (packages/controller): N Rollouts (default 1,000) on the sandbox, driven by the
 * built `serin-controller` in its own process. Each Rollout is deployed, then updated once and
 * walks setWeight 25 → pause 1 s → setWeight 75 → pause 1 s → promotion.
 *
 * Prints: time-to-promote per Rollout minus the 2 s of configured pauses (p50/p90/p99/max), wall
 * time of the whole wave, the controller's API writes per canary step (from the sandbox's request
 * accounting, `/serin/requests`), reconcile p50/p99 from the `rollout_reconcile` histogram (with
 * histogram_quantile's linear interpolation over Argo's buckets), and the controller's RSS.
 *
 * Env: BENCH_ROLLOUTS (1000), BENCH_REPLICAS (2), BENCH_QPS (500), BENCH_BURST (1000),
 * BENCH_THREADS (10), BENCH_POD_READY_MS (50), BENCH_TIMEOUT_S (600), BENCH_STALL_S (20),
 * BENCH_LOGLEVEL (warn), BENCH_STDERR_FILE (controller log copy on failure).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PatchType, type Sandbox, startSandbox } from '@serin/sandbox';
import { parseAllDocuments } from 'yaml';

const env = (name: string, fallback: number): number => {
  const v = Number(process.env[name] ?? '');
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const N = env('BENCH_ROLLOUTS', 1000);
const REPLICAS = env('BENCH_REPLICAS', 2);
const QPS = Number.isFinite(Number(process.env['BENCH_QPS'] ?? 'x')) ? Number(process.env['BENCH_QPS']) : 500; // ≤ 0 disables client-side rate limiting
const BURST = env('BENCH_BURST', 1000);
const THREADS = env('BENCH_THREADS', 10);
const POD_READY_MS = env('BENCH_POD_READY_MS', 50);
const TIMEOUT_MS = env('BENCH_TIMEOUT_S', 600) * 1000;
const STALL_MS = env('BENCH_STALL_S', 20) * 1000;
const STEPS = [{ setWeight: 25 }, { pause: { duration: 1 } }, { setWeight: 75 }, { pause: { duration: 1 } }];
const CONFIGURED_PAUSE_MS = 2000;
const NAMESPACE = 'bench';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../../..');
const bin = join(here, '../bin/serin-controller');

interface RolloutLike {
  metadata: { name?: string; namespace?: string; generation?: number };
  status?: { phase?: string; currentPodHash?: string; stableRS?: string; observedGeneration?: string; currentStepIndex?: number };
}

const log = (msg: string): void => void process.stderr.write(`[bench] ${msg}\n`);

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

/** Prometheus histogram_quantile over cumulative buckets (le → count), linear within a bucket. */
export function histogramQuantile(q: number, buckets: ReadonlyArray<readonly [number, number]>): number {
  const total = buckets.at(-1)?.[1] ?? 0;
  if (total === 0) return Number.NaN;
  const rank = q * total;
  let prevLe = 0;
  let prevCount = 0;
  for (const [le, count] of buckets) {
    if (count >= rank) {
      if (le === Number.POSITIVE_INFINITY) return prevLe;
      return prevLe + ((le - prevLe) * (rank - prevCount)) / Math.max(1, count - prevCount);
    }
    prevLe = le;
    prevCount = count;
  }
  return prevLe;
}

/** Sum `rollout_reconcile_bucket` over all label sets → [[le, cumulative count]], plus _sum and _count. */
function reconcileHistogram(text: string): { buckets: Array<[number, number]>; sum: number; count: number } {
  const byLe = new Map<number, number>();
  let sum = 0;
  let count = 0;
  for (const line of text.split('\n')) {
    const b = /^rollout_reconcile_bucket\{le="([^"]+)"[^}]*\} (\S+)$/.exec(line);
    if (b !== null) {
      const le = b[1] === '+Inf' ? Number.POSITIVE_INFINITY : Number(b[1]);
      byLe.set(le, (byLe.get(le) ?? 0) + Number(b[2]));
      continue;
    }
    const s = /^rollout_reconcile_sum\{[^}]*\} (\S+)$/.exec(line);
    if (s !== null) sum += Number(s[1]);
    const c = /^rollout_reconcile_count\{[^}]*\} (\S+)$/.exec(line);
    if (c !== null) count += Number(c[1]);
  }
  return { buckets: [...byLe.entries()].sort((a, b) => a[0] - b[0]), sum, count };
}

function diffHistogram(after: ReturnType<typeof reconcileHistogram>, before: ReturnType<typeof reconcileHistogram>): ReturnType<typeof reconcileHistogram> {
  const prev = new Map(before.buckets);
  return { buckets: after.buckets.map(([le, n]) => [le, n - (prev.get(le) ?? 0)]), sum: after.sum - before.sum, count: after.count - before.count };
}

/** utime + stime of a process in seconds (Linux /proc, USER_HZ 100). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

function rssKiB(pid: number): { rss: number; hwm: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rss: field('VmRSS'), hwm: field('VmHWM') };
  } catch {
    return { rss: Number.NaN, hwm: Number.NaN };
  }
}

async function waitFor(cond: () => boolean, what: string, timeoutMs = TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function rolloutBody(name: string): unknown {
  const labels = { app: name };
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name, namespace: NAMESPACE },
    spec: {
      replicas: REPLICAS,
      revisionHistoryLimit: 2,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] } },
      strategy: { canary: { steps: STEPS } },
    },
  };
}

const promotedOn = (r: RolloutLike, hash: string | undefined): boolean =>
  r.status?.phase === 'Healthy' && r.status.currentPodHash !== hash && r.status.stableRS === r.status.currentPodHash && String(r.metadata.generation ?? '') === r.status.observedGeneration;

async function main(): Promise<void> {
  if (!existsSync(join(here, '../dist/main.js'))) throw new Error('controller not built: run `pnpm --filter "@serin/controller..." build`');
  const dir = mkdtempSync(join(tmpdir(), 'serin-bench-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  const sandbox: Sandbox = await startSandbox({ port: 0, podReadyMs: POD_READY_MS, kubeconfigPath });
  const crdType = sandbox.api.type('apiextensions.k8s.io', 'v1', 'customresourcedefinitions');
  for (const f of readdirSync(join(root, 'crds')).filter((x) => x.endsWith('.yaml'))) {
    for (const d of parseAllDocuments(readFileSync(join(root, 'crds', f), 'utf8'))) sandbox.api.create(crdType, undefined, d.toJS());
  }
  sandbox.api.create(sandbox.api.type('', 'v1', 'namespaces'), undefined, { metadata: { name: NAMESPACE } });
  const rollouts = sandbox.api.type('argoproj.io', 'v1alpha1', 'rollouts');
  const list = (): RolloutLike[] => sandbox.api.listStored(rollouts, { namespace: NAMESPACE, labels: [], fields: [] }).items as unknown as RolloutLike[];

  log(`sandbox ${sandbox.url}; creating ${N} Rollouts × ${REPLICAS} replicas`);
  for (let i = 0; i < N; i++) sandbox.api.create(rollouts, NAMESPACE, rolloutBody(`ro-${String(i).padStart(4, '0')}`));

  const metricsPort = await freePort();
  const healthzPort = await freePort();
  const args = ['--kubeconfig', kubeconfigPath, '--leader-elect=false', `--loglevel=${process.env['BENCH_LOGLEVEL'] ?? 'warn'}`, `--metricsPort=${metricsPort}`, `--healthzPort=${healthzPort}`, `--qps=${QPS}`, `--burst=${BURST}`, `--rollout-threads=${THREADS}`];
  const controller: ChildProcess = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  controller.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (stderr.length > 1_000_000) stderr = stderr.slice(-100_000);
  });
  let peakRss = 0;
  const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, rssKiB(controller.pid ?? 0).rss || 0)), 250);
  try {
    const t0 = Date.now();
    const scrape = async (): Promise<string> => (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();

    await waitFor(() => list().every((r) => r.status?.phase === 'Healthy'), `${N} Rollouts Healthy after initial deploy`);
    const initialMs = Date.now() - t0;
    log(`initial deploy of ${N} Rollouts Healthy in ${(initialMs / 1000).toFixed(1)} s (includes controller start and cache sync)`);
    // let trailing writes (events, last status patches) settle: 2 s without a write, at most 120 s
    const settleDeadline = Date.now() + 120_000;
    for (let prev = -1; Date.now() < settleDeadline; ) {
      const w = sandbox.admin.accounting.snapshot().writes;
      if (w === prev) break;
      prev = w;
      await new Promise((r) => setTimeout(r, 2000));
    }
    const idleBase = sandbox.admin.accounting.snapshot().writes;
    await new Promise((r) => setTimeout(r, 2000));
    const idleWrites = sandbox.admin.accounting.snapshot().writes - idleBase;

    const before = reconcileHistogram(await scrape());
    const cpuBefore = cpuSeconds(controller.pid ?? 0);
    const driverCpuBefore = process.cpuUsage();
    sandbox.admin.accounting.reset();
    const hashes = new Map(list().map((r) => [r.metadata.name ?? '', r.status?.currentPodHash]));
    const startedAt = new Map<string, number>();
    const promotedAt = new Map<string, number>();
    const unsubscribe = sandbox.store.onChange((c) => {
      if (!c.resource.endsWith('rollouts')) return;
      const r = c.object as unknown as RolloutLike;
      const name = r.metadata.name ?? '';
      if (!promotedAt.has(name) && startedAt.has(name) && promotedOn(r, hashes.get(name))) promotedAt.set(name, Date.now());
    });
    log('updating every Rollout image');
    const wave = Date.now();
    for (const r of list()) {
      const name = r.metadata.name ?? '';
      startedAt.set(name, Date.now());
      sandbox.api.patch(rollouts, NAMESPACE, name, { spec: { template: { spec: { containers: [{ name: 'app', image: 'nginx:1.26' }] } } } }, PatchType.Merge);
    }
    // wait for every promotion, or until no Rollout has been promoted for STALL_MS (a lost requeue)
    let lastCount = 0;
    let lastProgress = Date.now();
    await waitFor(() => {
      if (promotedAt.size !== lastCount) [lastCount, lastProgress] = [promotedAt.size, Date.now()];
      return promotedAt.size === N || (lastCount > 0 && Date.now() - lastProgress > STALL_MS);
    }, `${N} promotions`);
    const stuck = list().filter((r) => !promotedAt.has(r.metadata.name ?? ''));
    if (stuck.length > 0) {
      log(`${stuck.length} Rollout(s) not promoted ${STALL_MS / 1000} s after the last promotion, e.g. ${JSON.stringify(stuck.slice(0, 2).map((r) => ({ name: r.metadata.name, phase: r.status?.phase, step: r.status?.currentStepIndex, pauseConditions: (r.status as { pauseConditions?: unknown }).pauseConditions })))}`);
    }
    const waveMs = Math.max(...promotedAt.values()) - wave;
    unsubscribe();
    await new Promise((r) => setTimeout(r, 1000)); // trailing writes (RS scale-down after promotion)
    const after = reconcileHistogram(await scrape());
    const cpuWave = cpuSeconds(controller.pid ?? 0) - cpuBefore;
    const driverCpu = process.cpuUsage(driverCpuBefore);
    const accounting = sandbox.admin.accounting.snapshot();
    const { rss, hwm } = rssKiB(controller.pid ?? 0);

    const overheads = [...promotedAt.entries()].map(([n, t]) => t - (startedAt.get(n) ?? t) - CONFIGURED_PAUSE_MS).sort((a, b) => a - b);
    const h = diffHistogram(after, before);
    const writesByKind = new Map<string, number>();
    for (const row of accounting.requests) {
      if (!['create', 'update', 'patch', 'delete'].includes(row.verb)) continue;
      const k = `${row.verb} ${row.resource}${row.subresource === '' ? '' : `/${row.subresource}`}`;
      writesByKind.set(k, (writesByKind.get(k) ?? 0) + row.count);
    }
    const steps = N * STEPS.length;
    const fmt = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
    const lines = [
      `serin-controller bench: ${N} Rollouts × ${REPLICAS} replicas, steps setWeight 25 / pause 1s / setWeight 75 / pause 1s (configured pauses ${fmt(CONFIGURED_PAUSE_MS)})`,
      `controller flags: ${args.slice(2).join(' ')}; sandbox podReadyMs ${POD_READY_MS}; node ${process.version}`,
      `promoted ${promotedAt.size}/${N}${stuck.length > 0 ? ` (${stuck.length} stuck in a timed pause: requeue lost at the pause-expiry boundary)` : ''}`,
      `time-to-promote overhead beyond configured pauses: p50 ${fmt(quantile(overheads, 0.5))}, p90 ${fmt(quantile(overheads, 0.9))}, p99 ${fmt(quantile(overheads, 0.99))}, max ${fmt(overheads.at(-1) ?? Number.NaN)}`,
      `whole wave (first update → last promotion): ${fmt(waveMs)}`,
      `API writes by the controller during the wave: ${accounting.writes} = ${(accounting.writes / steps).toFixed(2)} per step (${STEPS.length} steps × ${N}), ${(accounting.writes / N).toFixed(1)} per Rollout update; all requests ${accounting.total}`,
      ...[...writesByKind.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `    ${k}: ${n} (${(n / N).toFixed(2)} per Rollout)`),
      `controller CPU during the wave: ${cpuWave.toFixed(1)} s (${((cpuWave * 1000) / Math.max(1, h.count)).toFixed(1)} ms per reconcile); sandbox+driver process CPU ${((driverCpu.user + driverCpu.system) / 1e6).toFixed(1)} s; sandbox mean latency for the controller's writes ${writeLatencyMs(accounting).toFixed(1)} ms`,
      `writes while idle (2 s, after the initial deploy settled): ${idleWrites}`,
      `reconciles during the wave: ${h.count} (${(h.count / N).toFixed(1)} per Rollout), mean ${((h.sum / Math.max(1, h.count)) * 1000).toFixed(2)} ms`,
      `rollout_reconcile p50 ${(histogramQuantile(0.5, h.buckets) * 1000).toFixed(2)} ms, p99 ${(histogramQuantile(0.99, h.buckets) * 1000).toFixed(2)} ms (interpolated within Argo buckets 10/150/250/500/1000 ms)`,
      `    buckets (le → count): ${h.buckets.map(([le, n]) => `${le === Number.POSITIVE_INFINITY ? '+Inf' : le}:${n}`).join(' ')}`,
      `controller RSS: ${(rss / 1024).toFixed(0)} MiB at end, peak ${(Math.max(hwm, peakRss) / 1024).toFixed(0)} MiB (VmHWM)`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } catch (err) {
    log(`controller stderr (tail):\n${stderr.slice(-4000)}`);
    if (process.env["BENCH_STDERR_FILE"] !== undefined) writeFileSync(process.env["BENCH_STDERR_FILE"], stderr);
    throw err;
  } finally {
    clearInterval(rssTimer);
    controller.kill('SIGTERM');
    await new Promise((r) => controller.once('exit', r));
    await sandbox.close();
  }
}

/** Mean server-side latency of write requests in the sandbox's accounting. */
function writeLatencyMs(snapshot: { requests: ReadonlyArray<{ verb: string; latency: { sumSeconds: number; count: number } }> }): number {
  let sum = 0;
  let n = 0;
  for (const r of snapshot.requests) {
    if (!['create', 'update', 'patch', 'delete'].includes(r.verb)) continue;
    sum += r.latency.sumSeconds;
    n += r.latency.count;
  }
  return n === 0 ? Number.NaN : (sum / n) * 1000;
}

/** A port that was free a moment ago (the controller binds it next). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

void main().catch((err: unknown) => {
  process.stderr.write(`[bench] failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
