// upstream get_test.go TestGetBlueGreenRolloutScaleDownDelay / …DelayPassed: the `delay:` INFO tag.
import { describe, expect, it } from 'vitest';
import { newRolloutInfo } from '@serin/core';
import type { ReplicaSetLike } from '@serin/core';
import { FixtureNow, loadFixture } from '../test-support/fixtures.js';
import { renderRollout } from './views.js';

/** The preview RS with a scale-down deadline and without its pod-template-hash label (as upstream's test edits it). */
function render(deadline: string): string {
  const f = loadFixture('TestGetBlueGreenRollout');
  const replicaSets = f.objects.replicaSets.map((rs): ReplicaSetLike => {
    if (rs.metadata?.name !== 'bluegreen-demo-74b948fccb') return rs;
    const { 'rollouts-pod-template-hash': _hash, ...labels } = rs.metadata.labels ?? {};
    return { ...rs, metadata: { ...rs.metadata, labels, annotations: { ...rs.metadata.annotations, 'scale-down-deadline': deadline } } };
  });
  return renderRollout(newRolloutInfo(f.rollout, { ...f.objects, replicaSets }), { nowMs: FixtureNow, color: false });
}

const rfc3339 = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

describe('scale-down delay tag', () => {
  it.each([
    { name: 'deadline ahead (set a moment before now + 4h, as upstream)', deadline: rfc3339(FixtureNow + 4 * 3600_000 - 1000), tag: 'delay:3h59m' },
    { name: 'deadline passed', deadline: rfc3339(FixtureNow - 3600_000), tag: 'delay:passed' },
    { name: 'unparsable deadline', deadline: 'tomorrow', tag: 'delay:' },
  ])('$name → $tag', ({ deadline, tag }) => {
    const out = render(deadline);
    expect(out).toContain(`│  └──⧉ bluegreen-demo-74b948fccb           ReplicaSet  ✔ Healthy     7d   ${tag}\n`);
    expect(out).toContain('Images:          argoproj/rollouts-demo:blue (stable, active)\n                 argoproj/rollouts-demo:green\n');
  });
});
