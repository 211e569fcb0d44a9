#!/usr/bin/env node
// Packs the built plugin for kubectl plugin managers: `node plugin/scripts/pack-krew.mjs <out-dir>` (after
// `pnpm --filter ./plugin build`) writes
//   <out-dir>/kubectl-argo-rollouts-v<version>.tar.gz   kubectl-argo-rollouts + dist/ (entry and the chunks it
//                                                        loads) + package.json; needs only Node >= 20 on PATH
//   <out-dir>/argo-rollouts.yaml                         the krew manifest for it, with the tarball's sha256
// The bundle is plain JavaScript, so one archive serves every OS/arch krew selects. `--base-url` sets where the
// release hosts the archive (default: the project's GitHub release for this version).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const pluginDir = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const baseIdx = args.indexOf('--base-url');
const pkg = JSON.parse(readFileSync(join(pluginDir, 'package.json'), 'utf8'));
const version = `v${pkg.version}`;
const baseUrl = baseIdx >= 0 ? args[baseIdx + 1] : `https://github.com/serin-project/serin/releases/download/${version}`;
const out = resolve(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--base-url') ?? join(pluginDir, 'release'));
const entry = join(pluginDir, 'dist', 'kubectl-argo-rollouts.mjs');
if (!existsSync(entry)) {
  process.stderr.write('plugin/dist is missing: run `pnpm --filter ./plugin build` first\n');
  process.exit(1);
}

/** The entry and every chunk it imports, transitively (esbuild writes relative `./chunks/…` / `./…` specifiers). */
function bundleFiles() {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/["'](\.\.?\/[^"']+\.mjs)["']/g)) visit(join(dirname(file), m[1]));
  };
  visit(entry);
  return [...seen].map((f) => f.slice(join(pluginDir, 'dist').length + 1)).sort();
}

const stage = mkdtempSync(join(tmpdir(), 'serin-krew-'));
try {
  const files = bundleFiles();
  for (const f of files) {
    mkdirSync(dirname(join(stage, 'dist', f)), { recursive: true });
    copyFileSync(join(pluginDir, 'dist', f), join(stage, 'dist', f));
  }
  writeFileSync(join(stage, 'kubectl-argo-rollouts'), '#!/usr/bin/env node\nimport "./dist/kubectl-argo-rollouts.mjs";\n', { mode: 0o755 });
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify({ name: 'kubectl-argo-rollouts', version: pkg.version, type: 'module', private: true }, null, 2)}\n`);
  mkdirSync(out, { recursive: true });
  const archive = join(out, `kubectl-argo-rollouts-${version}.tar.gz`);
  execFileSync('tar', ['-czf', archive, '--owner=0', '--group=0', '-C', stage, 'kubectl-argo-rollouts', 'package.json', 'dist']);
  const sha256 = createHash('sha256').update(readFileSync(archive)).digest('hex');
  const platforms = ['linux/amd64', 'linux/arm64', 'darwin/amd64', 'darwin/arm64']
    .map((p) => {
      const [os, arch] = p.split('/');
      return [
        `  - selector:`,
        `      matchLabels: {os: ${os}, arch: ${arch}}`,
        `    uri: ${baseUrl}/${basename(archive)}`,
        `    sha256: ${sha256}`,
        `    files:`,
        `    - {from: kubectl-argo-rollouts, to: .}`,
        `    - {from: package.json, to: .}`,
        `    - {from: dist, to: .}`,
        `    bin: kubectl-argo-rollouts`,
      ].join('\n');
    })
    .join('\n');
  const manifest = `apiVersion: krew.googlecontainertools.github.com/v1alpha2
kind: Plugin
metadata:
  name: argo-rollouts
spec:
  version: ${version}
  homepage: https://github.com/serin-project/serin
  shortDescription: Manage Argo Rollouts (Serin's drop-in kubectl-argo-rollouts)
  description: |
    Promote, abort, retry, pause, watch and inspect Argo Rollouts, Experiments and AnalysisRuns.
    Works against Argo Rollouts or Serin controllers. Requires Node.js >= 20 on PATH.
  caveats: |
    krew links the plugin as \`kubectl argo-rollouts\`; to type \`kubectl argo rollouts\` as with upstream,
    put a \`kubectl-argo-rollouts\` symlink to it on your PATH.
  platforms:
${platforms}
`;
  writeFileSync(join(out, 'argo-rollouts.yaml'), manifest);
  process.stdout.write(`${archive}\n${join(out, 'argo-rollouts.yaml')}\n`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
