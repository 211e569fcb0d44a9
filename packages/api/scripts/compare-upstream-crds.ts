/**
 * `pnpm --filter @serin/api compare:upstream-crds <upstream>`: compares crds/*.yaml with upstream Argo
 * Rollouts' manifests/crds/*.yaml, ignoring descriptions. `<upstream>` is a directory holding those files or a
 * git directory of argoproj/argo-rollouts (read with `git show HEAD:manifests/crds/<file>`). Upstream's CRDs
 * are never committed here. Exits 1 when anything but descriptions differs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CRD_FILE_NAMES } from '../src/crd/crds.js';
import { CRDS_DIR } from './gen-crds.js';

function readUpstream(source: string, file: string): string {
  const direct = join(source, file);
  if (existsSync(direct)) return readFileSync(direct, 'utf8');
  return execFileSync('git', ['--git-dir', source, 'show', `HEAD:manifests/crds/${file}`], { encoding: 'utf8' });
}

/** Flattens a JSON value to `path key → JSON` leaves, dropping `description` and upstream's annotations. */
function flatten(value: unknown, path: string, out: Map<string, string>): void {
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== 'object' || v === null)) out.set(path, JSON.stringify(value));
    else value.forEach((v, i) => flatten(v, `${path}[${i}]`, out));
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'description' || (path === '.metadata' && key === 'annotations')) continue;
      flatten(child, `${path}.${key}`, out);
    }
    return;
  }
  out.set(path, JSON.stringify(value));
}

function compare(upstreamText: string, serinText: string): string[] {
  const upstream = new Map<string, string>();
  const serin = new Map<string, string>();
  flatten(parse(upstreamText), '', upstream);
  flatten(parse(serinText), '', serin);
  const differences: string[] = [];
  for (const [path, value] of upstream) {
    const mine = serin.get(path);
    if (mine === undefined) differences.push(`only upstream: ${path} = ${value}`);
    else if (mine !== value) differences.push(`differs: ${path}: upstream ${value}, serin ${mine}`);
  }
  for (const [path, value] of serin) if (!upstream.has(path)) differences.push(`only serin: ${path} = ${value}`);
  return differences;
}

function main(): void {
  const source = process.argv[2];
  if (!source) {
    process.stderr.write('usage: compare-upstream-crds <dir with upstream CRD yaml | argo-rollouts git dir>\n');
    process.exit(2);
  }
  let total = 0;
  for (const file of Object.values(CRD_FILE_NAMES)) {
    const differences = compare(readUpstream(source, file), readFileSync(join(CRDS_DIR, file), 'utf8'));
    total += differences.length;
    process.stdout.write(`${file}: ${differences.length} difference(s)\n`);
    for (const line of differences.slice(0, 50)) process.stdout.write(`  ${line}\n`);
  }
  process.exit(total === 0 ? 0 : 1);
}

main();
