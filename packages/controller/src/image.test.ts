/**
 * The container image: manifests/Dockerfile is multi-stage, runs as a non-root user, and installs with the
 * frozen lockfile (every workspace package.json is copied before `pnpm install`); the single-file bundle its
 * build stage produces (scripts/bundle.mjs) runs on its own — no node_modules — against the sandbox.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxFixture, repoRoot, startSandboxWithCrds, until } from './__fixtures__/sandbox.js';

const dockerfile = readFileSync(join(repoRoot, 'manifests/Dockerfile'), 'utf8');
const instructions = dockerfile.split('\n').filter((l) => l !== '' && !l.startsWith('#'));

describe('manifests/Dockerfile', () => {
  it('has a build stage and a runtime stage on the pinned Node 20 image; the runtime runs serin-controller as uid 1000', () => {
    expect(instructions.filter((l) => l.startsWith('FROM '))).toEqual(['FROM ${NODE_IMAGE} AS build', 'FROM ${NODE_IMAGE}']);
    expect(instructions).toContain('ARG NODE_IMAGE=node:20.20-bookworm-slim');
    const runtime = instructions.slice(instructions.lastIndexOf('FROM ${NODE_IMAGE}'));
    expect(runtime).toContain('USER 1000:1000');
    expect(runtime).toContain('ENTRYPOINT ["serin-controller"]');
    expect(runtime.filter((l) => l.startsWith('COPY '))).toEqual(['COPY --from=build /out /opt/serin']);
  });

  it('copies every workspace package.json before the frozen install, and pins the same pnpm as the repository', () => {
    const rootPkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { packageManager: string };
    expect(instructions).toContain(`RUN npm install -g ${rootPkg.packageManager}`);
    const workspacePkgs = [...readdirSync(join(repoRoot, 'packages')).map((p) => `packages/${p}`), 'plugin', 'e2e'];
    for (const p of workspacePkgs) expect(instructions).toContain(`COPY ${p}/package.json ${p}/`);
    const install = instructions.findIndex((l) => l.startsWith('RUN pnpm install --frozen-lockfile'));
    expect(install).toBeGreaterThan(instructions.findIndex((l) => l === 'COPY e2e/package.json e2e/'));
  });
});

describe('the bundled controller (what the image runs)', () => {
  let out: string;
  let fx: SandboxFixture;
  let child: ChildProcess | undefined;
  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'serin-image-'));
    const res = spawnSync(process.execPath, [join(repoRoot, 'packages/controller/scripts/bundle.mjs'), out], { encoding: 'utf8', timeout: 120_000 });
    expect([res.status, res.stderr]).toEqual([0, '']);
    fx = await startSandboxWithCrds({ namespaces: ['argo-rollouts'] });
  }, 150_000);
  afterAll(async () => {
    if (child !== undefined && child.exitCode === null) child.kill('SIGKILL');
    await fx?.sandbox.close();
    if (fx !== undefined) rmSync(fx.dir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  it('is one file next to its package.json, reports the package version, and serves /healthz until SIGTERM (exit 0)', async () => {
    expect(readdirSync(join(out, 'bin'))).toEqual(['serin-controller']);
    // run from a directory with no node_modules anywhere above it, by PATH lookup as the Deployment does
    const proc = spawn('serin-controller', ['--kubeconfig', fx.kubeconfigPath, '--healthzPort=0', '--metricsPort=0', '--leader-elect=false'], {
      cwd: out,
      env: { PATH: `${join(out, 'bin')}:${process.env['PATH'] ?? ''}`, POD_NAMESPACE: 'argo-rollouts' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    let output = '';
    proc.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    proc.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const exit = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
    await until(() => output.includes('msg="Started controller"'), () => `ready log; output so far:\n${output}`, 30_000);
    const version = (JSON.parse(readFileSync(join(repoRoot, 'packages/controller/package.json'), 'utf8')) as { version: string }).version;
    expect(output).toContain(`version=v${version}`);
    const port = /Starting Healthz Server at [\d.]+:(\d+)/.exec(output)?.[1];
    const res = await fetch(`http://127.0.0.1:${port ?? ''}/healthz`);
    expect([res.status, await res.text()]).toEqual([200, 'ok']);
    proc.kill('SIGTERM');
    expect(await exit).toBe(0);
  });
});
