import { describe, expect, it } from 'vitest';
import { newRolloutInfo } from '@serin/core';
import { loadFixture, FixtureNow } from '../test-support/fixtures.js';
import type { FixtureName } from '../test-support/fixtures.js';
import { renderRollout } from './views.js';

function render(name: FixtureName, color = false): string {
  const f = loadFixture(name);
  return renderRollout(newRolloutInfo(f.rollout, f.objects), { nowMs: FixtureNow, color });
}

const stripTrailing = (s: string) => s.split('\n').map((l) => l.trimEnd()).join('\n');

describe('get rollout golden outputs (upstream get_test.go, trailing spaces stripped as upstream compares)', () => {
  it('TestGetCanaryRollout', () => {
    expect(stripTrailing(render('TestGetCanaryRollout'))).toBe(`Name:            canary-demo
Namespace:       jesse-test
Status:          ✖ Degraded
Message:         ProgressDeadlineExceeded: ReplicaSet "canary-demo-65fb5ffc84" has timed out progressing.
Strategy:        Canary
  Step:          0/8
  SetWeight:     20
  ActualWeight:  0
Images:          argoproj/rollouts-demo:does-not-exist (canary)
                 argoproj/rollouts-demo:green (stable)
Replicas:
  Desired:       5
  Current:       6
  Updated:       1
  Ready:         5
  Available:     5

NAME                                     KIND        STATUS              AGE  INFO
⟳ canary-demo                            Rollout     ✖ Degraded          7d
├──# revision:31
│  └──⧉ canary-demo-65fb5ffc84           ReplicaSet  ◌ Progressing       7d   canary
│     └──□ canary-demo-65fb5ffc84-9wf5r  Pod         ⚠ ImagePullBackOff  7d   ready:0/1
├──# revision:30
│  └──⧉ canary-demo-877894d5b            ReplicaSet  ✔ Healthy           7d   stable
│     ├──□ canary-demo-877894d5b-6jfpt   Pod         ✔ Running           7d   ready:1/1
│     ├──□ canary-demo-877894d5b-7jmqw   Pod         ✔ Running           7d   ready:1/1
│     ├──□ canary-demo-877894d5b-j8g2b   Pod         ✔ Running           7d   ready:1/1
│     ├──□ canary-demo-877894d5b-jw5qm   Pod         ✔ Running           7d   ready:1/1
│     └──□ canary-demo-877894d5b-kh7x4   Pod         ✔ Running           7d   ready:1/1
└──# revision:29
   └──⧉ canary-demo-859c99b45c           ReplicaSet  • ScaledDown        7d
`);
  });

  it('TestGetBlueGreenRollout', () => {
    expect(stripTrailing(render('TestGetBlueGreenRollout'))).toBe(`Name:            bluegreen-demo
Namespace:       jesse-test
Status:          ॥ Paused
Message:         BlueGreenPause
Strategy:        BlueGreen
Images:          argoproj/rollouts-demo:blue (stable, active)
                 argoproj/rollouts-demo:green (preview)
Replicas:
  Desired:       3
  Current:       6
  Updated:       3
  Ready:         6
  Available:     3

NAME                                        KIND        STATUS        AGE  INFO
⟳ bluegreen-demo                            Rollout     ॥ Paused      7d
├──# revision:11
│  └──⧉ bluegreen-demo-74b948fccb           ReplicaSet  ✔ Healthy     7d   preview
│     ├──□ bluegreen-demo-74b948fccb-5jz59  Pod         ✔ Running     7d   ready:1/1
│     ├──□ bluegreen-demo-74b948fccb-mkhrl  Pod         ✔ Running     7d   ready:1/1
│     └──□ bluegreen-demo-74b948fccb-vvj2t  Pod         ✔ Running     7d   ready:1/1
├──# revision:10
│  └──⧉ bluegreen-demo-6cbccd9f99           ReplicaSet  ✔ Healthy     7d   stable,active
│     ├──□ bluegreen-demo-6cbccd9f99-gk78v  Pod         ✔ Running     7d   ready:1/1
│     ├──□ bluegreen-demo-6cbccd9f99-kxj8g  Pod         ✔ Running     7d   ready:1/1
│     └──□ bluegreen-demo-6cbccd9f99-t2d4f  Pod         ✔ Running     7d   ready:1/1
└──# revision:8
   └──⧉ bluegreen-demo-746d5fddf6           ReplicaSet  • ScaledDown  7d
`);
  });

  it('TestGetAbortedRollout', () => {
    expect(stripTrailing(render('TestGetAbortedRollout'))).toBe(`Name:            rollout-background-analysis
Namespace:       default
Status:          ✖ Degraded
Message:         RolloutAborted: metric "web" assessed Failed due to failed (1) > failureLimit (0)
Strategy:        Canary
  Step:          0/2
  SetWeight:     0
  ActualWeight:  0
Images:          argoproj/rollouts-demo:blue (stable)
Replicas:
  Desired:       1
  Current:       1
  Updated:       0
  Ready:         1
  Available:     1

NAME                                                     KIND         STATUS        AGE  INFO
⟳ rollout-background-analysis                            Rollout      ✖ Degraded    7d
├──# revision:2
│  ├──⧉ rollout-background-analysis-db976bc44            ReplicaSet   • ScaledDown  7d   canary
│  └──α rollout-background-analysis-db976bc44-2          AnalysisRun  ✖ Failed      7d   ✖ 1
└──# revision:1
   └──⧉ rollout-background-analysis-7d84d44bb8           ReplicaSet   ✔ Healthy     7d   stable
      └──□ rollout-background-analysis-7d84d44bb8-z5wps  Pod          ✔ Running     7d   ready:1/1
`);
  });
});
