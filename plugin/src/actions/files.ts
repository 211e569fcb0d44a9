// Reading manifests: JSON when the first non-space byte is `{`, otherwise YAML (multi-document for lint).
import { readFile } from 'node:fs/promises';
import { parse, parseAllDocuments } from 'yaml';
import type { Tags } from 'yaml';
import type { KubeObject } from '../kube/cluster.js';
import { UserError } from './context.js';

export type ReadText = (path: string) => Promise<string>;

/** Go's `os.ReadFile` errors: the failing syscall, the path and the errno text (open, or read for a directory). */
const goReadErrors: Readonly<Record<string, string>> = {
  ENOENT: 'open %s: no such file or directory',
  EACCES: 'open %s: permission denied',
  ENOTDIR: 'open %s: not a directory',
  EISDIR: 'read %s: is a directory',
};

export const readText: ReadText = async (path) => {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    const format = goReadErrors[(e as NodeJS.ErrnoException).code ?? ''];
    throw new UserError(format !== undefined ? format.replace('%s', path) : `open ${path}: ${(e as Error).message}`);
  }
};

const looksLikeJson = (text: string) => text.trimStart().startsWith('{');

/** One object per file (create). */
export function decodeOne(text: string): KubeObject {
  try {
    const v: unknown = looksLikeJson(text) ? JSON.parse(text) : parse(text);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('Object \'Kind\' is missing');
    return v as KubeObject;
  } catch (e) {
    throw new UserError(`error unmarshaling JSON: ${(e as Error).message}`);
  }
}

/**
 * YAML as go-yaml v2 reads it into `interface{}` (upstream lint): YAML 1.1 scalars — `yes`/`no`/`on`/`off`/`y`/`n`
 * are booleans, `0755` is octal — but no base-60 numbers (`1:20` stays a string) and timestamps stay strings.
 */
const goYamlV2 = {
  version: '1.1',
  customTags: (tags: Tags) => tags.filter((t) => !(typeof t === 'object' && (t.format === 'TIME' || t.tag === 'tag:yaml.org,2002:timestamp'))),
} as const;

/** Every non-empty document of a multi-document YAML/JSON file (lint). */
export function decodeAll(text: string): KubeObject[] {
  if (looksLikeJson(text)) return [decodeOne(text)];
  const docs = parseAllDocuments(text, goYamlV2);
  const out: KubeObject[] = [];
  for (const d of docs) {
    if (d.errors.length > 0) throw new UserError(`error converting YAML to JSON: ${d.errors[0]?.message ?? ''}`);
    const v: unknown = d.toJS();
    if (v !== null && v !== undefined) out.push(v as KubeObject);
  }
  return out;
}
