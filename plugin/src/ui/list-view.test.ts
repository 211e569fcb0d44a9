import { describe, expect, it } from 'vitest';
import type { RolloutLike } from '@serin/core';
import { renderExperimentTable, renderRolloutTable } from './list-view.js';

// upstream cmd/list/list_test.go fixtures
const status = { currentStepIndex: 1, replicas: 4, readyReplicas: 1, updatedReplicas: 3, availableReplicas: 2 };
const canary: RolloutLike = {
  metadata: { name: 'can-guestbook', namespace: 'test' },
  spec: { replicas: 5, strategy: { canary: { steps: [{ setWeight: 10 }, { pause: { duration: '60s' } }, { setWeight: 20 }] } } },
  status,
};
const blueGreen: RolloutLike = { metadata: { name: 'bg-guestbook', namespace: 'test' }, spec: { replicas: 5, strategy: { blueGreen: {} } }, status };

describe('list rollouts (upstream list_test.go goldens, trailing spaces significant)', () => {
  it('canary', () => {
    expect(renderRolloutTable([canary], { allNamespaces: false })).toBe(
      'NAME           STRATEGY   STATUS        STEP  SET-WEIGHT  READY  DESIRED  UP-TO-DATE  AVAILABLE\n' +
        'can-guestbook  Canary     Progressing   1/3   10          1/4    5        3           2        \n',
    );
  });
  it('blue-green', () => {
    expect(renderRolloutTable([blueGreen], { allNamespaces: false })).toBe(
      'NAME          STRATEGY   STATUS        STEP  SET-WEIGHT  READY  DESIRED  UP-TO-DATE  AVAILABLE\n' +
        'bg-guestbook  BlueGreen  Progressing   -     -           1/4    5        3           2        \n',
    );
  });
  it('all namespaces with timestamps', () => {
    const out = renderRolloutTable([canary], { allNamespaces: true, timestamp: '2026-11-27T09:00:00Z' });
    expect(out.split('\n')[0]).toBe('TIMESTAMP             NAMESPACE  NAME           STRATEGY   STATUS        STEP  SET-WEIGHT  READY  DESIRED  UP-TO-DATE  AVAILABLE');
    expect(out.split('\n')[1]).toBe('2026-11-27T09:00:00Z  test       can-guestbook  Canary     Progressing   1/3   10          1/4    5        3           2        ');
  });
});

describe('list experiments', () => {
  it('shows duration, remaining and age', () => {
    const now = Date.parse('2026-11-27T10:00:00Z');
    const out = renderExperimentTable(
      [{ metadata: { name: 'exp-1', creationTimestamp: '2026-11-27T09:58:00Z' }, spec: { duration: '5m' }, status: { phase: 'Running', availableAt: '2026-11-27T09:58:30Z' } }],
      now,
      false,
    );
    expect(out).toBe('NAME        STATUS   DURATION  REMAINING  AGE\nexp-1       Running  5m        3m30s      2m \n');
  });
});
