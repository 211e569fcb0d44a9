// `npm run demo` itself (without the bootstrap, which `npm test` has just done): the good release goes live,
// the bad one is caught by its analysis and rolled back, and every process the demo started is gone afterwards.
// Sandbox mode only (the demo brings its own sandbox); the web provider keeps it independent of Prometheus.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stripAnsi } from '../dsl/kubectl.js';
import { E2eMode, chooseMode } from '../dsl/mode.js';
import { repoRoot } from '../dsl/paths.js';

function runDemo(): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(repoRoot, 'scripts', 'demo.mjs'), '--no-build', '--no-prometheus'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => resolve({ code, out: stripAnsi(out) }));
  });
}

describe.runIf(chooseMode(process.env).mode === E2eMode.sandbox)('npm run demo', () => {
  it('promotes the good image, aborts the bad one on its failed analysis, and its API server is gone afterwards', async () => {
    const { code, out } = await runDemo();
    const tail = out.split('\n').filter((l) => !l.startsWith('time=')).slice(-40).join('\n');
    expect(code, tail).toBe(0);
    expect(out).toMatch(/AnalysisRun demo-[0-9a-z]+-2-2: Successful; measured success rate: 1 \(Successful\), 1 \(Successful\), 1 \(Successful\)/);
    expect(out).toMatch(/AnalysisRun demo-[0-9a-z]+-3-2: Failed — Metric "success-rate" assessed Failed due to failed \(1\) > failureLimit \(0\)/);
    expect(out).toMatch(/phase=Paused step=1 traffic stable\/canary=80\/20/);
    expect(out).toMatch(/phase=Paused step=4 traffic stable\/canary=50\/50/);
    expect(out).toMatch(/phase=Degraded step=0 traffic stable\/canary=100\/0 canary pods=0 \(RolloutAborted/);
    expect(out.match(/VirtualService demo: stable 100 %, canary 0 %/g)).toHaveLength(2);
    expect(out).toContain('Status:          ✖ Degraded');
    // the demo's API server is gone once it exits
    const api = /API server at http:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1];
    expect(api).toBeDefined();
    await expect(fetch(`http://127.0.0.1:${api}/version`)).rejects.toThrow();
  }, 180_000);
});
