import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = new URL('../bin/serin-sandbox', import.meta.url).pathname;

// Spawns the built binary (`pnpm --filter @serin/sandbox build`; `npm test` builds first).
describe('serin-sandbox binary', () => {
  it('prints the ready line, writes a working kubeconfig and exits 0 on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'serin-sandbox-bin-'));
    const kubeconfig = join(dir, 'kubeconfig');
    const child = spawn(process.execPath, [bin, '--port', '0', '--kubeconfig', kubeconfig, '--pod-ready-ms', '50'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    const ready = new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const m = /^serin-sandbox ready (http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout);
        if (m?.[1] !== undefined) resolve(m[1]);
      });
      child.on('exit', (code) => reject(new Error(`exited early with ${String(code)}`)));
    });
    const url = await ready;
    expect(existsSync(kubeconfig)).toBe(true);
    expect(readFileSync(kubeconfig, 'utf8')).toContain(`server: ${url}`);
    const version = (await (await fetch(`${url}/version`)).json()) as { gitVersion: string };
    expect(version.gitVersion).toBe('v1.32.4');
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });
});
