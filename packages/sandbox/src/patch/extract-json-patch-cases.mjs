#!/usr/bin/env node
// Extracts the table cases of evanphx/json-patch patch_test.go (the library the API server uses) into
// __fixtures__/json-patch-cases.json: Cases (doc, patch → result), MutationTestCases (must change the doc),
// BadCases (must fail) and TestCases (test ops: pass/fail). Cases built with Go expressions (copy-size limits,
// empty documents) are left out. Usage: node extract-json-patch-cases.mjs <json-patch git dir>  (dev-time only)
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const [gitDir] = process.argv.slice(2);
const src = execFileSync('git', ['--git-dir', gitDir, 'show', 'HEAD:patch_test.go'], { encoding: 'utf8' });
const commit = execFileSync('git', ['--git-dir', gitDir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();

/** Splits the body of `var Name = []T{ … }` into its top-level `{ … }` elements (backtick strings respected). */
function elements(varName) {
  const start = src.indexOf(`var ${varName} = `);
  let i = src.indexOf('{', src.indexOf('{', start) + 0);
  i = src.indexOf('{', start + `var ${varName} = `.length);
  const out = [];
  let depth = 0;
  let cur = '';
  let inTick = false;
  for (i = i + 1; i < src.length; i++) {
    const ch = src[i];
    if (ch === '`') inTick = !inTick;
    if (!inTick && ch === '{') { depth++; if (depth === 1) { cur = ''; continue; } }
    if (!inTick && ch === '}') {
      if (depth === 0) break;
      depth--;
      if (depth === 0) { out.push(cur); continue; }
    }
    if (depth >= 1) cur += ch;
  }
  return out;
}

/** Parses `\`a\`, \`b\`, true, "x"` into values; undefined if a field is a Go expression. */
function fields(body) {
  const vals = [];
  const re = /\s*(`([^`]*)`|"((?:[^"\\]|\\.)*)"|true|false)\s*(,|$)/y;
  let pos = 0;
  while (pos < body.trim().length + (body.length - body.trimEnd().length)) {
    re.lastIndex = pos;
    const m = re.exec(body);
    if (!m) return undefined;
    if (m[2] !== undefined) vals.push(m[2]);
    else if (m[3] !== undefined) vals.push(JSON.parse(`"${m[3]}"`));
    else vals.push(m[1].trim() === 'true');
    pos = re.lastIndex;
    if (body.slice(pos).trim() === '') break;
  }
  return vals;
}

const parse = (s) => JSON.parse(s);
const ok = (arr) => arr !== undefined && arr.every((v) => v !== '');
// upstream compares results as JSON objects only (a top-level array decodes to nil on both sides), so the
// expected results of array documents are not checked there — and some are wrong; keep them unchecked here too
const cases = elements('Cases').map(fields).filter(ok).map(([doc, patch, result]) => {
  const expected = parse(result);
  return Array.isArray(expected) ? { doc: parse(doc), patch: parse(patch) } : { doc: parse(doc), patch: parse(patch), result: expected };
});
const mutations = elements('MutationTestCases').map(fields).filter(ok).map(([doc, patch]) => ({ doc: parse(doc), patch: parse(patch) }));
const bad = elements('BadCases').map(fields).filter(ok).flatMap(([doc, patch]) => {
  try {
    return [{ doc: parse(doc), patch: parse(patch) }];
  } catch {
    return []; // malformed JSON on purpose: a decoding error, not an apply error
  }
});
const tests = elements('TestCases').map(fields).filter((f) => f !== undefined).map(([doc, patch, result, failedPath]) => ({ doc: parse(doc), patch: parse(patch), result, failedPath }));
writeFileSync(
  new URL('./__fixtures__/json-patch-cases.json', import.meta.url),
  JSON.stringify({ source: `evanphx/json-patch@${commit} patch_test.go`, cases, mutations, bad, tests }, null, 1) + '\n',
);
console.log(`cases=${cases.length} mutations=${mutations.length} bad=${bad.length} tests=${tests.length}`);
