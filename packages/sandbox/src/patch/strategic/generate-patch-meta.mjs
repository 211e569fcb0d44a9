#!/usr/bin/env node
// Regenerates patch-meta.generated.ts from the `patchStrategy`/`patchMergeKey` struct tags (strategic merge) and
// the `+listType`/`+listMapKey`/`+structType`/`+mapType` markers (server-side apply) of k8s.io/api and
// k8s.io/apimachinery (meta/v1). Usage: node generate-patch-meta.mjs <k8s.io/api git dir> <apimachinery git dir>
// Dev-time tool only; the output is committed. It reads tag data, it does not translate any Go logic.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const [apiGit, machineryGit] = process.argv.slice(2);
const show = (gitDir, path) => execFileSync('git', ['--git-dir', gitDir, 'show', `HEAD:${path}`], { encoding: 'utf8' });
const rev = (gitDir) => execFileSync('git', ['--git-dir', gitDir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();

const PACKAGES = [
  { ns: 'meta', git: machineryGit, path: 'pkg/apis/meta/v1/types.go' },
  { ns: 'core', git: apiGit, path: 'core/v1/types.go', gv: 'core/v1' },
  { ns: 'apps', git: apiGit, path: 'apps/v1/types.go', gv: 'apps/v1' },
  { ns: 'batch', git: apiGit, path: 'batch/v1/types.go', gv: 'batch/v1' },
  { ns: 'coordination', git: apiGit, path: 'coordination/v1/types.go', gv: 'coordination.k8s.io/v1' },
  { ns: 'autoscalingv1', git: apiGit, path: 'autoscaling/v1/types.go', gv: 'autoscaling/v1' },
  { ns: 'autoscalingv2', git: apiGit, path: 'autoscaling/v2/types.go', gv: 'autoscaling/v2' },
  { ns: 'events', git: apiGit, path: 'events/v1/types.go', gv: 'events.k8s.io/v1' },
  { ns: 'policy', git: apiGit, path: 'policy/v1/types.go', gv: 'policy/v1' },
  { ns: 'networking', git: apiGit, path: 'networking/v1/types.go', gv: 'networking.k8s.io/v1' },
  { ns: 'rbac', git: apiGit, path: 'rbac/v1/types.go', gv: 'rbac.authorization.k8s.io/v1' },
];
const ALIASES = { metav1: 'meta', v1: 'core', corev1: 'core', apiv1: 'core' };

/** struct name -> { fields: [{json, type, strategy, key}], inline: [type], kind: bool } */
const structs = new Map();
const kinds = [];
for (const pkg of PACKAGES) {
  const src = show(pkg.git, pkg.path);
  const lines = src.split('\n');
  let cur = null;
  let pendingKind = false;
  let markers = [];
  for (const line of lines) {
    const marker = /^\s*\/\/ \+(listType|listMapKey|structType|mapType)=(\S+)/.exec(line);
    if (marker) { markers.push([marker[1], marker[2]]); continue; }
    if (/\+genclient\b/.test(line) || /\+k8s:deepcopy-gen:interfaces=k8s.io\/apimachinery\/pkg\/runtime.Object/.test(line)) pendingKind = true;
    const start = /^type (\w+) struct \{/.exec(line);
    if (start) {
      cur = { name: `${pkg.ns}.${start[1]}`, fields: [], inline: [], atomic: markers.some(([k, v]) => k === 'structType' && v === 'atomic') };
      markers = [];
      structs.set(cur.name, cur);
      if (pendingKind && pkg.gv && !start[1].endsWith('List')) kinds.push({ gv: pkg.gv, kind: start[1], type: cur.name });
      pendingKind = false;
      continue;
    }
    if (/^type /.test(line)) { pendingKind = false; markers = []; }
    if (!cur) { if (!/^\s*\/\//.test(line)) markers = []; continue; }
    if (/^\}/.test(line)) { cur = null; continue; }
    const m = /^\s+(?:(\w+)\s+)?([\[\]*\w.]+)\s+`([^`]*)`/.exec(line);
    if (!m) { if (!/^\s*\/\//.test(line)) markers = []; continue; }
    const fieldMarkers = markers;
    markers = [];
    const tags = m[3];
    const json = /json:"([^"]*)"/.exec(tags)?.[1] ?? '';
    const jsonName = json.split(',')[0];
    let typ = m[2].replace(/^(\[\]|\*|map\[string\])+/, '');
    const q = /^(\w+)\.(\w+)$/.exec(typ);
    typ = q ? `${ALIASES[q[1]] ?? q[1]}.${q[2]}` : `${pkg.ns}.${typ}`;
    if (json.includes('inline') || (m[1] === undefined && jsonName === '')) { cur.inline.push(typ); continue; }
    if (jsonName === '-' || jsonName === '') continue;
    const strategy = /patchStrategy:"([^"]*)"/.exec(tags)?.[1];
    const key = /patchMergeKey:"([^"]*)"/.exec(tags)?.[1];
    const listType = fieldMarkers.find(([k]) => k === 'listType')?.[1];
    const listMapKeys = fieldMarkers.filter(([k]) => k === 'listMapKey').map(([, v]) => v);
    const mapAtomic = fieldMarkers.some(([k, v]) => k === 'mapType' && v === 'atomic');
    cur.fields.push({ json: jsonName, type: typ, strategy, key, listType, listMapKeys, mapAtomic, isList: m[2].startsWith('[]') });
  }
}

function allFields(name, seen = new Set()) {
  const s = structs.get(name);
  if (!s || seen.has(name)) return [];
  seen.add(name);
  return [...s.fields, ...s.inline.flatMap((t) => allFields(t, seen))];
}

// A type is interesting when some reachable field carries a patch strategy.
const memo = new Map();
function interesting(name, stack = new Set()) {
  if (memo.has(name)) return memo.get(name);
  if (stack.has(name) || !structs.has(name)) return false;
  stack.add(name);
  const r = allFields(name).some((f) => f.strategy || f.listType || f.mapAtomic || structs.get(f.type)?.atomic || interesting(f.type, stack));
  stack.delete(name);
  memo.set(name, r);
  return r;
}

const out = {};
for (const name of structs.keys()) {
  if (!interesting(name)) continue;
  const fields = {};
  for (const f of allFields(name)) {
    const sub = interesting(f.type) ? f.type : undefined;
    const atomic = f.mapAtomic || (!f.isList && structs.get(f.type)?.atomic);
    if (!f.strategy && !sub && !f.listType && !atomic) continue;
    const entry = {};
    if (sub) entry.type = sub;
    if (f.strategy) entry.strategy = f.strategy;
    if (f.key) entry.key = f.key;
    if (f.listType) entry.listType = f.listType;
    if (f.listMapKeys.length > 0) entry.listMapKeys = f.listMapKeys;
    if (atomic) entry.atomic = true;
    fields[f.json] = entry;
  }
  out[name] = fields;
}
const roots = {};
for (const k of kinds) roots[`${k.gv}/${k.kind}`] = k.type;

const header = `// GENERATED by generate-patch-meta.mjs from the patchStrategy/patchMergeKey struct tags of
// k8s.io/api@${rev(apiGit)} and k8s.io/apimachinery@${rev(machineryGit)}. Do not edit.
import type { PatchMetaTable } from './patch-meta.js';

`;
const table = Object.entries(out)
  .map(([t, fields]) => `  ${JSON.stringify(t)}: {\n${Object.entries(fields).map(([f, m]) => `    ${JSON.stringify(f)}: ${JSON.stringify(m)},`).join('\n')}\n  },`)
  .join('\n');
const body = `export const PATCH_META: PatchMetaTable = {\n${table}\n};\n\n` +
  `/** \`group/version/Kind\` (core group spelled \`core\`) → root struct in PATCH_META. */\n` +
  `export const KIND_ROOTS: Readonly<Record<string, string>> = ${JSON.stringify(roots, null, 1)};\n`;
writeFileSync(new URL('./patch-meta.generated.ts', import.meta.url), header + body);
console.log(`types=${Object.keys(out).length} kinds=${kinds.length}`);
