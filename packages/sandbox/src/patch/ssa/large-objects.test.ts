import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applyServerSide, recordUpdateManager } from './server-side-apply.js';

// The upstream Argo CRDs are the largest objects kubectl applies server-side in Serin's flows (~10k fields).
const REPO = join(import.meta.dirname, '../../../../..');
const crd = (file: string) => parse(readFileSync(join(REPO, 'crds', file), 'utf8')) as Record<string, unknown>;
const NOW = '2026-11-27T10:00:00Z';

describe('server-side apply on CRD-sized objects', () => {
  it('re-applying a different schema under the same name removes every field the manager no longer sends', () => {
    const rollout = crd('rollout-crd.yaml');
    const analysis: Record<string, unknown> = { ...crd('analysis-run-crd.yaml'), metadata: rollout.metadata };
    const first = applyServerSide(undefined, rollout, { manager: 'kubectl', force: false, now: NOW }).object;
    const { object, conflicts } = applyServerSide(first, analysis, { manager: 'kubectl', force: false, now: NOW });
    expect(conflicts).toEqual([]);
    expect(object.spec).toEqual(analysis.spec);
  });

  it('a status write on a large object records only the status fields', () => {
    const created = recordUpdateManager(undefined, crd('rollout-crd.yaml'), 'kubectl-create', NOW);
    const established = { ...structuredClone(created), status: { conditions: [{ type: 'Established', status: 'True' }] } };
    const out = recordUpdateManager(created, established, 'kube-apiserver', NOW, { subresource: 'status' });
    const entries = (out.metadata as { managedFields: { manager: string; fieldsV1: unknown }[] }).managedFields;
    expect(entries.map((e) => e.manager)).toEqual(['kubectl-create', 'kube-apiserver']);
    expect(entries[1]?.fieldsV1).toEqual({ 'f:status': { 'f:conditions': {} } });
  });
});
