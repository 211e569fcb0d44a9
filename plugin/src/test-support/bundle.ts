// Integration tests run the real bundle. Build it once per change: skip when dist is newer than every source it
// bundles, and serialise concurrent test files with a directory lock so nobody runs a half-written bundle.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const pluginDir = fileURLToPath(new URL('../../', import.meta.url));
const bundle = join(pluginDir, 'dist/kubectl-argo-rollouts.mjs');
const lock = join(pluginDir, 'dist/.build-lock');
const sources = ['src', '../packages/core/src', '../packages/api/src', 'scripts'].map((d) => join(pluginDir, d));

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function fresh(): boolean {
  try {
    const built = statSync(bundle).mtimeMs;
    return sources.every((d) => newestMtime(d) < built);
  } catch {
    return false;
  }
}

export async function ensureBundle(): Promise<void> {
  mkdirSync(join(pluginDir, 'dist'), { recursive: true });
  for (;;) {
    if (fresh()) return;
    try {
      mkdirSync(lock);
    } catch {
      // A lock older than a minute belongs to a killed run.
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held !== undefined && Date.now() - held.mtimeMs > 60_000) rmdirSync(lock);
      await new Promise((r) => setTimeout(r, 200));
      continue;
    }
    try {
      if (!fresh()) execFileSync(process.execPath, [join(pluginDir, 'scripts/build.mjs')], { stdio: 'inherit' });
    } finally {
      rmdirSync(lock);
    }
    return;
  }
}
