import { badRequest } from './errors.js';
import type { KubeObject } from './types.js';
import { isRecord } from './types.js';

/** One label requirement: `key op values` (values empty for exists / !exists). */
export interface LabelRequirement {
  key: string;
  op: '=' | '!=' | 'in' | 'notin' | 'exists' | '!';
  values: string[];
}

export type LabelSelector = LabelRequirement[];

/**
 * Parses a label selector string: comma-separated requirements, each `k=v`, `k==v`, `k!=v`, `k in (a,b)`,
 * `k notin (a,b)`, `k` (exists) or `!k` (does not exist). Empty string selects everything.
 * Throws 400 BadRequest on a malformed selector.
 */
export function parseLabelSelector(input: string): LabelSelector {
  const out: LabelRequirement[] = [];
  let rest = input.trim();
  while (rest !== '') {
    const setMatch = /^([A-Za-z0-9._/-]+)\s+(in|notin)\s*\(([^)]*)\)\s*/.exec(rest);
    const eqMatch = /^([A-Za-z0-9._/-]+)\s*(==|=|!=)\s*([A-Za-z0-9._-]*)\s*/.exec(rest);
    const notMatch = /^!\s*([A-Za-z0-9._/-]+)\s*/.exec(rest);
    const existsMatch = /^([A-Za-z0-9._/-]+)\s*/.exec(rest);
    if (setMatch !== null) {
      const values = (setMatch[3] ?? '').split(',').map((v) => v.trim()).filter((v) => v !== '');
      out.push({ key: setMatch[1] ?? '', op: setMatch[2] === 'in' ? 'in' : 'notin', values });
      rest = rest.slice(setMatch[0].length);
    } else if (eqMatch !== null) {
      out.push({ key: eqMatch[1] ?? '', op: eqMatch[2] === '!=' ? '!=' : '=', values: [eqMatch[3] ?? ''] });
      rest = rest.slice(eqMatch[0].length);
    } else if (notMatch !== null) {
      out.push({ key: notMatch[1] ?? '', op: '!', values: [] });
      rest = rest.slice(notMatch[0].length);
    } else if (existsMatch !== null && (rest.length === existsMatch[0].length || rest[existsMatch[0].length] === ',')) {
      out.push({ key: existsMatch[1] ?? '', op: 'exists', values: [] });
      rest = rest.slice(existsMatch[0].length);
    } else {
      throw badRequest(`unable to parse requirement: found '${rest}', expected: in, notin, =, ==, !=, gt, lt`);
    }
    if (rest.startsWith(',')) rest = rest.slice(1).trimStart();
    else if (rest !== '') throw badRequest(`found '${rest}', expected: ',' or 'end of string'`);
  }
  return out;
}

export function matchesLabels(selector: LabelSelector, labels: Record<string, string> | undefined): boolean {
  for (const r of selector) {
    const has = labels !== undefined && Object.hasOwn(labels, r.key);
    const value = has ? labels[r.key] : undefined;
    switch (r.op) {
      case '=':
        if (value !== r.values[0]) return false;
        break;
      case '!=':
        if (value === r.values[0]) return false;
        break;
      case 'in':
        if (value === undefined || !r.values.includes(value)) return false;
        break;
      case 'notin':
        if (value !== undefined && r.values.includes(value)) return false;
        break;
      case 'exists':
        if (!has) return false;
        break;
      case '!':
        if (has) return false;
        break;
    }
  }
  return true;
}

export interface FieldRequirement {
  path: string;
  negate: boolean;
  value: string;
}

/** Parses `a=b,c==d,e!=f` (field selectors support only equality). */
export function parseFieldSelector(input: string): FieldRequirement[] {
  if (input.trim() === '') return [];
  return input.split(',').map((part) => {
    const m = /^\s*([A-Za-z0-9._-]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(part);
    if (m === null) throw badRequest(`invalid selector: '${input}'; can't understand '${part}'`);
    return { path: m[1] ?? '', negate: m[2] === '!=', value: m[3] ?? '' };
  });
}

/** Value of a dotted field path, rendered the way field selectors compare it (missing → ""). */
export function fieldValue(obj: KubeObject, path: string): string {
  let cur: unknown = obj;
  for (const seg of path.split('.')) {
    if (!isRecord(cur)) return '';
    cur = cur[seg];
  }
  if (typeof cur === 'string') return cur;
  if (typeof cur === 'number' || typeof cur === 'boolean') return String(cur);
  return '';
}

export function matchesFields(selector: FieldRequirement[], obj: KubeObject): boolean {
  for (const r of selector) {
    const equal = fieldValue(obj, r.path) === r.value;
    if (equal === r.negate) return false;
  }
  return true;
}

/** Combined list/watch filter. */
export interface ObjectFilter {
  namespace?: string;
  labels: LabelSelector;
  fields: FieldRequirement[];
}

export function matchesFilter(filter: ObjectFilter, obj: KubeObject): boolean {
  if (filter.namespace !== undefined && obj.metadata.namespace !== filter.namespace) return false;
  return matchesLabels(filter.labels, obj.metadata.labels) && matchesFields(filter.fields, obj);
}

/** `{matchLabels, matchExpressions}` → selector string (`a=b,c in (d,e)`), as Scale.status.selector shows it. */
export function formatLabelSelector(selector: unknown): string {
  if (!isRecord(selector)) return '';
  const parts: string[] = [];
  const matchLabels = isRecord(selector['matchLabels']) ? selector['matchLabels'] : {};
  for (const key of Object.keys(matchLabels).sort()) parts.push(`${key}=${String(matchLabels[key])}`);
  const exprs = Array.isArray(selector['matchExpressions']) ? selector['matchExpressions'] : [];
  for (const e of exprs.filter(isRecord)) {
    const key = String(e['key']);
    const values = Array.isArray(e['values']) ? e['values'].map(String).sort() : [];
    switch (e['operator']) {
      case 'In':
        parts.push(`${key} in (${values.join(',')})`);
        break;
      case 'NotIn':
        parts.push(`${key} notin (${values.join(',')})`);
        break;
      case 'Exists':
        parts.push(key);
        break;
      case 'DoesNotExist':
        parts.push(`!${key}`);
        break;
    }
  }
  return parts.join(',');
}
