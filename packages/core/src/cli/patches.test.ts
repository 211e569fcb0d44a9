import { describe, expect, it } from 'vitest';
import { buildRestartPatch, Patch } from './patches.js';
import { parseImageArg, setImage } from './set-image.js';
import { buildUndoPatch, deepDerivative, findUndoTarget, templateMatches } from './undo.js';

describe('fixed patches (argo-compat §14)', () => {
  it.each([
    { name: 'pause', body: Patch.pause, want: '{"spec":{"paused":true}}' },
    { name: 'abort', body: Patch.abort, want: '{"status":{"abort":true}}' },
    { name: 'retry rollout', body: Patch.retryRollout, want: '{"status":{"abort":false}}' },
    { name: 'retry experiment', body: Patch.retryExperiment, want: '{"status":null}' },
    { name: 'terminate', body: Patch.terminate, want: '{"spec":{"terminate":true}}' },
  ])('$name', ({ body, want }) => {
    expect(body).toBe(want);
  });

  it('restart sets restartAt to now + in, RFC 3339 UTC at second precision', () => {
    const now = Date.parse('2026-11-27T09:30:15.789Z');
    expect(buildRestartPatch(now)).toBe('{"spec":{"restartAt":"2026-11-27T09:30:15Z"}}');
    expect(buildRestartPatch(now, 10 * 60_000)).toBe('{"spec":{"restartAt":"2026-11-27T09:40:15Z"}}');
  });
});

describe('set image', () => {
  const ro = {
    spec: {
      template: {
        spec: {
          initContainers: [{ name: 'init', image: 'i:1' }],
          containers: [{ name: 'app', image: 'a:1' }, { name: 'side', image: 's:1' }],
          ephemeralContainers: [{ name: 'dbg', image: 'd:1' }],
        },
      },
    },
  };
  const images = (o: typeof ro) => [...o.spec.template.spec.initContainers, ...o.spec.template.spec.containers, ...o.spec.template.spec.ephemeralContainers].map((c) => c.image);

  it('changes only the named container and leaves the input untouched', () => {
    expect(images(setImage(ro, 'app', 'a:2'))).toEqual(['i:1', 'a:2', 's:1', 'd:1']);
    expect(images(ro)).toEqual(['i:1', 'a:1', 's:1', 'd:1']);
  });
  it('* changes init, regular and ephemeral containers', () => {
    expect(images(setImage(ro, '*', 'x:9'))).toEqual(['x:9', 'x:9', 'x:9', 'x:9']);
  });
  it('an unknown container is upstream’s error', () => {
    expect(() => setImage(ro, 'typo', 'x')).toThrow('unable to find container named "typo"');
  });
  it.each([
    { arg: 'app=nginx:1.2', want: { container: 'app', image: 'nginx:1.2' } },
    { arg: 'app', want: undefined },
    { arg: 'a=b=c', want: undefined },
  ])('parse $arg', ({ arg, want }) => {
    expect(parseImageArg(arg)).toEqual(want);
  });
});

describe('undo', () => {
  const rs = (name: string, rev: string | undefined, image: string) => ({
    metadata: { name, annotations: (rev === undefined ? {} : { 'rollout.argoproj.io/revision': rev }) as Record<string, string> },
    spec: { template: { metadata: { labels: { app: 'x', 'rollouts-pod-template-hash': name } }, spec: { containers: [{ name: 'app', image }] } } },
  });
  const all = [rs('r1', '1', 'a:1'), rs('r3', '3', 'a:3'), rs('r2', '2', 'a:2')];

  it.each([
    { name: 'default picks the previous revision', to: 0, want: 'r2' },
    { name: 'explicit revision', to: 1, want: 'r1' },
  ])('$name', ({ to, want }) => {
    const t = findUndoTarget('demo', all, to);
    expect(t.ok && t.rs.metadata?.name).toBe(want);
  });
  it.each([
    { name: 'missing revision', list: all, to: 7, want: 'unable to find specified revision 7 in history' },
    { name: 'single revision', list: [rs('r1', '1', 'a:1')], to: 0, want: 'no revision found for rollout "demo"' },
  ])('$name', ({ list, to, want }) => {
    expect(findUndoTarget('demo', list, to)).toEqual({ ok: false, error: want });
  });
  it('patch replaces the template without the pod-template-hash label', () => {
    expect(buildUndoPatch(rs('r2', '2', 'a:2'))).toBe(
      '[{"op":"replace","path":"/spec/template","value":{"metadata":{"labels":{"app":"x"}},"spec":{"containers":[{"name":"app","image":"a:2"}]}}}]',
    );
  });
  it.each([
    { name: 'unset in a matches', a: { x: {} }, b: { x: { y: 1 } }, want: true },
    { name: 'array prefix', a: [1], b: [1, 2], want: true },
    { name: 'longer array', a: [1, 2], b: [1], want: false },
    { name: 'key missing in b', a: { x: 1 }, b: {}, want: false },
    { name: 'zero number compares exactly', a: { x: 0 }, b: { x: 1 }, want: false },
    { name: 'empty string matches a string', a: { x: '' }, b: { x: 'v' }, want: true },
  ])('deepDerivative: $name', ({ a, b, want }) => {
    expect(deepDerivative(a, b)).toBe(want);
  });

  it('template match ignores the hash label and fields unset on the rollout', () => {
    const roTemplate = { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'app', image: 'a:2' }] } };
    expect(templateMatches(roTemplate, rs('r2', '2', 'a:2'))).toBe(true);
    expect(templateMatches(roTemplate, rs('r1', '1', 'a:1'))).toBe(false);
  });
});
