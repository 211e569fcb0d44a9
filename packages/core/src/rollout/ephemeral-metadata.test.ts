import { describe, expect, it } from 'vitest';
import type { PodTemplateMetadata } from '@serin/api';
import { parseEphemeralMetadata, syncEphemeralMeta } from './ephemeral-metadata.js';
import { aReplicaSet } from './test-support/builders.js';

describe('syncEphemeralMeta', () => {
  it.each<{ name: string; meta: { labels?: Record<string, string>; annotations?: Record<string, string> }; existing?: PodTemplateMetadata; desired?: PodTemplateMetadata; labels: Record<string, string>; annotations: Record<string, string>; modified: boolean }>([
    { name: 'inject', meta: { labels: { app: 'a' } }, desired: { labels: { role: 'canary' }, annotations: { x: '1' } }, labels: { app: 'a', role: 'canary' }, annotations: { x: '1' }, modified: true },
    { name: 'already there', meta: { labels: { app: 'a', role: 'canary' } }, existing: { labels: { role: 'canary' } }, desired: { labels: { role: 'canary' } }, labels: { app: 'a', role: 'canary' }, annotations: {}, modified: false },
    { name: 'role switch replaces the value', meta: { labels: { role: 'canary' } }, existing: { labels: { role: 'canary' } }, desired: { labels: { role: 'stable' } }, labels: { role: 'stable' }, annotations: {}, modified: true },
    { name: 'removed only when we injected it', meta: { labels: { role: 'canary', team: 'x' } }, existing: { labels: { role: 'canary' } }, desired: undefined, labels: { team: 'x' }, annotations: {}, modified: true },
    { name: 'nothing recorded → nothing removed', meta: { labels: { role: 'canary' } }, labels: { role: 'canary' }, annotations: {}, modified: false },
  ])('$name', ({ meta, existing, desired, labels, annotations, modified }) => {
    const r = syncEphemeralMeta(meta, existing, desired);
    expect({ labels: r.labels, annotations: r.annotations, modified: r.modified }).toEqual({ labels, annotations, modified });
  });
});

describe('parseEphemeralMetadata', () => {
  it.each([
    { name: 'recorded', annotation: '{"labels":{"role":"stable"}}', parsed: { labels: { role: 'stable' } } },
    { name: 'garbage', annotation: '{not json', parsed: undefined },
  ])('$name', ({ annotation, parsed }) => {
    expect(parseEphemeralMetadata(aReplicaSet({ name: 'r', annotations: { 'rollout.argoproj.io/ephemeral-metadata': annotation } }))).toEqual(parsed);
  });
});
