#!/usr/bin/env node
// Extracts the patch-application expectations of apimachinery's strategicpatch/patch_test.go into
// __fixtures__/upstream-smp-cases.json: for every case, (original + twoWay patch → twoWayResult|modified) and,
// when a result is given, (current + threeWay patch → result). YAML-table inputs are sorted the way the upstream
// test sorts them (merge lists by merge key, merging scalar lists deduplicated and sorted).
// Usage: node extract-upstream-cases.mjs <apimachinery git dir>     (dev-time tool only)
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const YAML = require('yaml');
const [gitDir] = process.argv.slice(2);
const src = execFileSync('git', ['--git-dir', gitDir, 'show', 'HEAD:pkg/util/strategicpatch/patch_test.go'], { encoding: 'utf8', maxBuffer: 1 << 26 });
const commit = execFileSync('git', ['--git-dir', gitDir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();

// MergeItem test struct (same shape as patch-meta tables).
const META = {
  MergeItem: {
    mergingList: { type: 'MergeItem', strategy: 'merge', key: 'name' },
    nonMergingList: { type: 'MergeItem' },
    mergingIntList: { strategy: 'merge' },
    mergeItemPtr: { type: 'MergeItem', strategy: 'merge', key: 'name' },
    replacingItem: { strategy: 'replace' },
    retainKeysMap: { type: 'RetainKeysMergeItem', strategy: 'retainKeys' },
    retainKeysMergingList: { type: 'MergeItem', strategy: 'merge,retainKeys', key: 'name' },
  },
  RetainKeysMergeItem: {
    mergingIntList: { strategy: 'merge' },
    mergingList: { type: 'MergeItem', strategy: 'merge', key: 'name' },
    nonMergingList: { type: 'MergeItem' },
  },
};
const str = (v) => (typeof v === 'object' ? JSON.stringify(v) : String(v));
const cmp = (a, b) => (str(a) < str(b) ? -1 : str(a) > str(b) ? 1 : 0);
function sortMap(m, type) {
  if (m === null || typeof m !== 'object' || Array.isArray(m)) return m;
  const out = {};
  for (const [k, v] of Object.entries(m)) {
    const meta = META[type]?.[k] ?? {};
    if (k === '$retainKeys' || k.startsWith('$deleteFromPrimitiveList/')) out[k] = [...v].sort(cmp);
    else if (Array.isArray(v) && (meta.strategy ?? '').split(',').includes('merge')) {
      if (v.length > 0 && (typeof v[0] !== 'object' || v[0] === null)) out[k] = [...new Set(v)].sort(cmp);
      else out[k] = v.map((e) => sortMap(e, meta.type)).sort((a, b) => cmp(a[meta.key], b[meta.key]));
    } else if (v && typeof v === 'object' && !Array.isArray(v) && !k.startsWith('$')) out[k] = sortMap(v, meta.type);
    else out[k] = v;
  }
  return out;
}

const cases = [];
const push = (name, kind, original, patch, expected, expectedError) => {
  if (patch === undefined || (expected === undefined && !expectedError)) return;
  cases.push({ name: `${name} / ${kind}`, original: original ?? {}, patch, ...(expectedError ? { expectedError } : { expected }) });
};

function yamlTable(varName, prefix, threeWay) {
  const start = src.indexOf(`var ${varName} = []byte(\``);
  const body = src.slice(src.indexOf('`', start) + 1, src.indexOf('`)', start));
  for (const c of YAML.parse(body).testCases) {
    const s = (v) => (v === undefined || v === null ? v : sortMap(v, 'MergeItem'));
    push(prefix + c.description, 'two-way', s(c.original), s(c.twoWay), s(c.twoWayResult ?? c.modified));
    if (threeWay && c.result) push(prefix + c.description, 'three-way', s(c.current), s(c.threeWay), s(c.result));
  }
}

function rawTable(varName, endMarker, prefix, threeWay) {
  const start = src.indexOf(`var ${varName} = []StrategicMergePatchRawTestCase{`);
  const raw = src.slice(start, src.indexOf(endMarker, start));
  for (const chunk of raw.split(/\n\t\tDescription: /).slice(1)) {
    const description = JSON.parse(chunk.slice(0, chunk.indexOf('\n')).replace(/,$/, ''));
    const field = (name) => {
      const m = new RegExp(`\\t${name}: \\[\\]byte\\(\`([\\s\\S]*?)\`\\)`).exec(chunk);
      return m ? (YAML.parse(m[1]) ?? {}) : undefined;
    };
    const errMatch = /ExpectedError:\s*"([^"]*)"/.exec(chunk);
    const expectedError = errMatch ? errMatch[1] : undefined;
    push(prefix + description, 'two-way', field('Original'), field('TwoWay'), field('TwoWayResult') ?? field('Modified'), expectedError);
    if (threeWay && (field('Result') !== undefined || expectedError)) {
      push(prefix + description, 'three-way', field('Current'), field('ThreeWay'), field('Result'), expectedError);
    }
  }
}

// TestStrategicMergePatch: YAML table and raw cases, two-way and three-way applications
yamlTable('createStrategicMergePatchTestCaseData', '', true);
rawTable('strategicMergePatchRawTestCases', '\nfunc TestStrategicMergePatch(', '', true);
// TestCustomStrategicMergePatch: hand-written patches (including malformed ones), two-way application only
yamlTable('customStrategicMergePatchTestCaseData', 'custom: ', false);
rawTable('customStrategicMergePatchRawTestCases', '\nfunc TestCustomStrategicMergePatch(', 'custom: ', false);

writeFileSync(
  new URL('./__fixtures__/upstream-smp-cases.json', import.meta.url),
  JSON.stringify({ source: `kubernetes/apimachinery@${commit} pkg/util/strategicpatch/patch_test.go`, meta: META, cases }, null, 1) + '\n',
);
console.log(`cases=${cases.length}`);
