// The krew package (scripts/pack-krew.mjs): one archive holding the bundle and exactly the chunks it loads, a
// manifest whose sha256 is the archive's, and the extracted plugin works on its own through kubectl dispatch.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '@serin/sandbox';
import type { Sandbox } from '@serin/sandbox';
import { ensureBundle, pluginDir } from '../test-support/bundle.js';

interface KrewManifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec: { version: string; platforms: Array<{ selector: { matchLabels: { os: string; arch: string } }; uri: string; sha256: string; bin: string; files: Array<{ from: string; to: string }> }> };
}

let dir: string;
let archive: string;
let manifest: KrewManifest;
let sandbox: Sandbox;
const version = `v${(JSON.parse(readFileSync(join(pluginDir, 'package.json'), 'utf8')) as { version: string }).version}`;

beforeAll(async () => {
  ensureBundle();
  dir = mkdtempSync(join(tmpdir(), 'serin-krew-test-'));
  const res = spawnSync(process.execPath, [join(pluginDir, 'scripts/pack-krew.mjs'), join(dir, 'out'), '--base-url', 'https://example.test/rel'], { encoding: 'utf8' });
  expect([res.status, res.stderr]).toEqual([0, '']);
  archive = join(dir, 'out', `kubectl-argo-rollouts-${version}.tar.gz`);
  manifest = parse(readFileSync(join(dir, 'out', 'argo-rollouts.yaml'), 'utf8')) as KrewManifest;
  sandbox = await startSandbox({ port: 0, kubeconfigPath: join(dir, 'kubeconfig') });
}, 180_000);
afterAll(async () => {
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('pack-krew', () => {
  it("writes a krew Plugin manifest for every OS/arch, pointing at the archive with the archive's sha256", () => {
    const sha = createHash('sha256').update(readFileSync(archive)).digest('hex');
    expect([manifest.apiVersion, manifest.kind, manifest.metadata.name, manifest.spec.version]).toEqual(['krew.googlecontainertools.github.com/v1alpha2', 'Plugin', 'argo-rollouts', version]);
    expect(manifest.spec.platforms.map((p) => `${p.selector.matchLabels.os}/${p.selector.matchLabels.arch}`)).toEqual(['linux/amd64', 'linux/arm64', 'darwin/amd64', 'darwin/arm64']);
    for (const p of manifest.spec.platforms) {
      expect(p).toMatchObject({ uri: `https://example.test/rel/kubectl-argo-rollouts-${version}.tar.gz`, sha256: sha, bin: 'kubectl-argo-rollouts' });
    }
  });

  it('the extracted archive runs through real kubectl plugin dispatch with nothing else installed', async () => {
    const root = join(dir, 'installed');
    mkdirSync(root);
    const untar = spawnSync('tar', ['-xzf', archive, '-C', root], { encoding: 'utf8' });
    expect(untar.status).toBe(0);
    // as krew does: the bin linked into a directory on PATH
    const binDir = join(dir, 'bin');
    mkdirSync(binDir);
    symlinkSync(join(root, 'kubectl-argo-rollouts'), join(binDir, 'kubectl-argo-rollouts'));
    const env = { PATH: `${binDir}:${process.env['PATH'] ?? ''}`, HOME: dir, KUBECONFIG: join(dir, 'kubeconfig') };
    // async: the sandbox answers from this process
    const kubectl = (args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> =>
      new Promise((resolve) => {
        const child = spawn('kubectl', ['argo', 'rollouts', ...args, '--cache-dir', join(dir, 'cache')], { env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('close', (status) => resolve({ status, stdout, stderr }));
      });
    const v = await kubectl(['version', '--short']);
    expect([v.status, v.stdout]).toEqual([0, `kubectl-argo-rollouts: ${version}\n`]);
    // a command that loads the client chunks and talks to the API server
    const get = await kubectl(['get', 'rollout', 'missing']);
    expect(get.status).toBe(1);
    expect(get.stderr).toContain('"missing" not found');
  });
});
