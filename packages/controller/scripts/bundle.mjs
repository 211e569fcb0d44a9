#!/usr/bin/env node
// Bundles serin-controller into one self-contained ESM file for the container image (Dockerfile):
// `node packages/controller/scripts/bundle.mjs <out-dir>` writes <out-dir>/bin/serin-controller (executable,
// `#!/usr/bin/env node`) and <out-dir>/package.json (type module; the version the binary reports is read from
// it, as bin/serin-controller does from the package). No node_modules are needed at run time.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const out = resolve(process.argv[2] ?? join(pkgDir, 'dist-image'));
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
mkdirSync(join(out, 'bin'), { recursive: true });
await build({
  absWorkingDir: pkgDir,
  entryPoints: ['src/main.ts'],
  outfile: join(out, 'bin', 'serin-controller'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // workspace packages resolve to their TypeScript sources, as in tests
  conditions: ['serin-source'],
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __serinCreateRequire } from 'node:module'; const require = __serinCreateRequire(import.meta.url);" },
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
});
chmodSync(join(out, 'bin', 'serin-controller'), 0o755);
writeFileSync(join(out, 'package.json'), `${JSON.stringify({ name: pkg.name, version: pkg.version, type: 'module', private: true }, null, 2)}\n`);
