#!/usr/bin/env node
// `node success-rate-server.mjs <sandbox-url> [windowSeconds]`: scrapes the sandbox mesh's Istio metrics
// every second and serves `GET /success-rate?namespace=N&service=S` → {"successRate":0.98,"requests":412}
// for Argo's web metric provider. With no requests in the window it answers 503 (a measurement Error, not a pass).
import { createServer } from 'node:http';
import { parseIstioTotals, windowRate } from './success-rate.mjs';

const [sandboxUrl, windowArg] = process.argv.slice(2);
const windowMs = Number(windowArg ?? 10) * 1000;
const samples = [];

async function scrape() {
  try {
    const res = await fetch(`${sandboxUrl}/serin/mesh/metrics`);
    samples.push({ atMs: Date.now(), totals: parseIstioTotals(await res.text()) });
    while (samples.length > 0 && Date.now() - samples[0].atMs > windowMs * 3) samples.shift();
  } catch {
    /* the sandbox is gone or restarting: keep the old samples */
  }
}
await scrape();
setInterval(scrape, 1000);

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (url.pathname !== '/success-rate') {
    res.writeHead(404).end();
    return;
  }
  const key = `${url.searchParams.get('namespace') ?? 'default'}/${url.searchParams.get('service') ?? ''}`;
  const r = windowRate(samples, key, windowMs);
  if (r === undefined || r.successRate === undefined) {
    res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ error: `no requests to ${key} in the last ${windowMs / 1000}s` }));
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ successRate: Math.round(r.successRate * 1000) / 1000, requests: r.requests }));
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`success-rate ready http://127.0.0.1:${server.address().port}\n`);
});
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => process.exit(0));
