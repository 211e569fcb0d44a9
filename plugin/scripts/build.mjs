// Bundles the plugin into dist/kubectl-argo-rollouts.mjs (esbuild, ESM, node20). Code splitting keeps
// client-node, Ink and React in chunks that load only when a command needs them, so `version` and
// `completion` start without parsing them. See docs/adr/0006-cli-rendering.md.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
const git = (...args) => {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
};
const commit = git('rev-parse', 'HEAD') || 'unknown';
const dirty = git('status', '--porcelain', '--', '.') !== '';

// Build into a private directory, then rename into place (chunks first, entry last): a CLI process starting
// meanwhile sees either the old or the new bundle, never a half-written file. Chunk names are content hashes, so
// old chunks stay valid for an old entry.
const tmp = `dist/.build-${process.pid}`;
rmSync(`${root}${tmp}`, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { 'kubectl-argo-rollouts': 'src/main.ts' },
  outdir: tmp,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  jsx: 'automatic',
  // Workspace packages resolve to their TypeScript sources, as in tests.
  conditions: ['serin-source'],
  alias: { 'react-devtools-core': './scripts/devtools-stub.mjs' },
  define: {
    'process.env.NODE_ENV': '"production"',
    __SERIN_VERSION__: JSON.stringify(`v${pkg.version}`),
    __SERIN_BUILD_DATE__: JSON.stringify(new Date().toISOString().replace(/\.\d+Z$/, 'Z')),
    __SERIN_GIT_COMMIT__: JSON.stringify(commit),
    __SERIN_GIT_TREE_STATE__: JSON.stringify(dirty ? 'dirty' : 'clean'),
  },
  banner: { js: "import { createRequire as __serinCreateRequire } from 'node:module'; const require = __serinCreateRequire(import.meta.url);" },
  minifySyntax: true,
  minifyWhitespace: true,
  legalComments: 'none',
  logLevel: 'warning',
});
mkdirSync(`${root}dist/chunks`, { recursive: true });
const fresh = new Set(readdirSync(`${root}${tmp}/chunks`));
for (const f of fresh) renameSync(`${root}${tmp}/chunks/${f}`, `${root}dist/chunks/${f}`);
// Chunks of older builds are removed once no process can still be starting from them.
for (const f of readdirSync(`${root}dist/chunks`)) {
  if (!fresh.has(f) && Date.now() - statSync(`${root}dist/chunks/${f}`).mtimeMs > 3_600_000) rmSync(`${root}dist/chunks/${f}`);
}
renameSync(`${root}${tmp}/kubectl-argo-rollouts.mjs`, `${root}dist/kubectl-argo-rollouts.mjs`);
rmSync(`${root}${tmp}`, { recursive: true, force: true });
