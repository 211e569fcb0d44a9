import { afterEach, describe, expect, it } from 'vitest';
import { type HttpServers, startHttpServers } from './http-servers.js';
import { ControllerMetrics } from './metrics/metrics.js';

let servers: HttpServers | undefined;
afterEach(async () => {
  await servers?.close();
  servers = undefined;
});

async function start(metrics = { text: async () => '# HELP x y\n', contentType: 'text/plain; version=0.0.4; charset=utf-8' }): Promise<HttpServers> {
  servers = await startHttpServers({ healthzPort: 0, metricsPort: 0, host: '127.0.0.1', metrics });
  return servers;
}

describe('healthz and metrics listeners', () => {
  it('GET /healthz answers 200 ok as text/plain', async () => {
    const s = await start();
    const res = await fetch(`http://127.0.0.1:${s.healthzPort}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await res.text()).toBe('ok');
  });

  it.each([
    { name: 'unknown path on the healthz port', port: 'healthz', path: '/metrics' },
    { name: 'unknown path on the metrics port', port: 'metrics', path: '/healthz' },
  ])('$name → 404 page not found', async ({ port, path }) => {
    const s = await start();
    const res = await fetch(`http://127.0.0.1:${port === 'healthz' ? s.healthzPort : s.metricsPort}${path}`);
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('404 page not found\n');
  });

  it('GET /metrics serves the registry in Prometheus text format', async () => {
    const s = await start(new ControllerMetrics({ version: 'v9', processMetrics: false }));
    const res = await fetch(`http://127.0.0.1:${s.metricsPort}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = await res.text();
    expect(text).toContain('# HELP rollout_info Information about rollout.');
    expect(text).toContain('argo_rollouts_controller_info{version="v9"} 1');
  });

  it('a failing scrape answers 500 and reports the error', async () => {
    const errors: unknown[] = [];
    servers = await startHttpServers({
      healthzPort: 0,
      metricsPort: 0,
      host: '127.0.0.1',
      metrics: { text: () => Promise.reject(new Error('boom')), contentType: 'text/plain' },
      onError: (e) => errors.push(e),
    });
    const res = await fetch(`http://127.0.0.1:${servers.metricsPort}/metrics`);
    expect(res.status).toBe(500);
    expect(await res.text()).toContain('boom');
    expect(errors).toHaveLength(1);
  });

  it('a port already in use fails start-up and leaves nothing listening', async () => {
    const first = await start();
    await expect(startHttpServers({ healthzPort: 0, metricsPort: first.metricsPort, host: '127.0.0.1', metrics: { text: async () => '', contentType: 'text/plain' } })).rejects.toThrow(/EADDRINUSE/);
  });
});
