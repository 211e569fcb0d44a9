// Where the analysis reads the canary's success rate: a local Prometheus scraping the sandbox mesh's Istio
// metrics when `prometheus` is installed, else the demo's success-rate endpoint for the web provider.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { startChild, waitForLog } from './processes.mjs';

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export function prometheusInstalled() {
  return spawnSync('prometheus', ['--version'], { stdio: 'ignore' }).status === 0;
}

async function waitReady(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Returns { kind: 'prometheus', address } or { kind: 'web', url }. */
export async function startMetricsBackend({ root, dir, sandboxUrl, usePrometheus }) {
  if (usePrometheus) {
    const port = await freePort();
    const target = new URL(sandboxUrl).host;
    const pdir = join(dir, 'prometheus');
    mkdirSync(pdir, { recursive: true });
    writeFileSync(
      join(pdir, 'prometheus.yml'),
      `global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n- job_name: istio-mesh\n  metrics_path: /serin/mesh/metrics\n  static_configs:\n  - targets: ['${target}']\n`,
    );
    const entry = startChild('prometheus', ['prometheus', `--config.file=${join(pdir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(pdir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`], {
      logPath: join(dir, 'prometheus.log'),
      cwd: pdir,
    });
    const address = `http://127.0.0.1:${port}`;
    try {
      await waitReady(`${address}/-/ready`, 20_000);
    } catch (err) {
      throw new Error(`Prometheus did not start (${err.message}); see ${entry.logPath}, or run with --no-prometheus`);
    }
    return { kind: 'prometheus', address };
  }
  const entry = startChild('success-rate endpoint', [process.execPath, join(root, 'scripts', 'demo', 'success-rate-server.mjs'), sandboxUrl, '5'], { logPath: join(dir, 'success-rate.log') });
  const m = await waitForLog(entry, /success-rate ready (\S+)/, 10_000);
  return { kind: 'web', url: m[1] };
}
