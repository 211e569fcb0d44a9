/**
 * A real Prometheus (Debian package `prometheus`) on loopback for e2e tests: one scrape config, a private data
 * directory, polled readiness, SIGTERM on stop. `SERIN_PROMETHEUS_BIN` overrides the binary (e.g. to check that a
 * missing binary fails the suite — tests fail, never skip).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PROMETHEUS = process.env['SERIN_PROMETHEUS_BIN'] ?? 'prometheus';

export interface ScrapeJob {
  readonly name: string;
  /** `host:port` */
  readonly target: string;
  readonly metricsPath?: string;
}

export interface PrometheusServer {
  /** `http://127.0.0.1:<port>` */
  readonly address: string;
  /** `/api/v1/query` result rows (empty on any failure). */
  query(query: string): Promise<unknown[]>;
  /** Poll `probe` (at most `attempts` × 250 ms) until true; fails if Prometheus exited meanwhile. Counts, no timing. */
  pollUntil(what: string, attempts: number, probe: () => Promise<boolean>): Promise<void>;
  stop(): Promise<void>;
}

const freePort = async (): Promise<number> => {
  const s = createNetServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
};

const sleepMs = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Start Prometheus scraping `jobs` every second (plus itself as job `self` with `scrapeSelf`) and wait until ready. */
export async function startPrometheusServer(options: { readonly jobs: readonly ScrapeJob[]; readonly scrapeSelf?: boolean }): Promise<PrometheusServer> {
  if (spawnSync('sh', ['-c', `command -v ${PROMETHEUS}`]).status !== 0) {
    throw new Error(`${PROMETHEUS} binary not found on PATH: install the Debian package "prometheus" (apt-get install -y --no-install-recommends prometheus); .ci/run installs it`);
  }
  const port = await freePort();
  const address = `http://127.0.0.1:${port}`;
  const dir = mkdtempSync(join(tmpdir(), 'serin-prometheus-'));
  const jobs = [...(options.scrapeSelf === true ? [{ name: 'self', target: `127.0.0.1:${port}` }] : []), ...options.jobs];
  const config = ['global:', '  scrape_interval: 1s', '  evaluation_interval: 1s', 'scrape_configs:'];
  for (const job of jobs) {
    config.push(`  - job_name: ${job.name}`);
    if (job.metricsPath !== undefined) config.push(`    metrics_path: ${job.metricsPath}`);
    config.push('    static_configs:', `      - targets: ['${job.target}']`);
  }
  writeFileSync(join(dir, 'prometheus.yml'), `${config.join('\n')}\n`);
  // spawned directly (no shell), so `prom.pid` is Prometheus itself
  const prom: ChildProcess = spawn(PROMETHEUS, [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`], { cwd: dir, stdio: 'ignore' });
  let exited = false;
  const exit = new Promise<void>((resolve) => prom.once('exit', () => resolve()));
  prom.on('exit', () => (exited = true));
  const server: PrometheusServer = {
    address,
    async query(query) {
      const res = await fetch(`${address}/api/v1/query?query=${encodeURIComponent(query)}`);
      const body = (await res.json()) as { data?: { result?: unknown[] } };
      return body.data?.result ?? [];
    },
    async pollUntil(what, attempts, probe) {
      for (let i = 0; i < attempts; i++) {
        if (exited) throw new Error(`prometheus exited while waiting for ${what}`);
        if (await probe().catch(() => false)) return;
        await sleepMs(250);
      }
      throw new Error(`prometheus: gave up waiting for ${what}`);
    },
    async stop() {
      if (!exited) {
        prom.kill('SIGTERM');
        await exit;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await server.pollUntil('/-/ready', 120, async () => (await fetch(`${address}/-/ready`)).ok);
  } catch (e) {
    await server.stop();
    throw e;
  }
  return server;
}
