import { describe, expect, it } from 'vitest';
import { newPodInfo } from './pod-info.js';
import type { ContainerStatusLike, PodLike } from './types.js';

const running: ContainerStatusLike = { name: 'app', ready: true, restartCount: 0, state: { running: {} } };

function pod(opts: { phase?: string; reason?: string; init?: ContainerStatusLike[]; containers?: ContainerStatusLike[]; deleting?: boolean; sidecar?: boolean }): PodLike {
  return {
    metadata: { name: 'p', ...(opts.deleting === true ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
    spec: {
      containers: [{ name: 'app' }],
      initContainers: (opts.init ?? []).map((c) => ({ name: c.name, ...(opts.sidecar === true ? { restartPolicy: 'Always' } : {}) })),
    },
    status: { phase: opts.phase ?? 'Running', reason: opts.reason, initContainerStatuses: opts.init, containerStatuses: opts.containers ?? [running] },
  };
}

describe('pod status, icon, ready and restarts (kubectl printPod rules)', () => {
  it.each([
    { name: 'running and ready', p: pod({}), status: 'Running', icon: '✔', ready: '1/1', restarts: 0 },
    { name: 'image pull back-off', p: pod({ containers: [{ name: 'app', state: { waiting: { reason: 'ImagePullBackOff' } } }] }), status: 'ImagePullBackOff', icon: '⚠', ready: '0/1', restarts: 0 },
    { name: 'crash loop with restarts', p: pod({ containers: [{ name: 'app', restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } } }] }), status: 'CrashLoopBackOff', icon: '✖', ready: '0/1', restarts: 4 },
    { name: 'terminated by signal', p: pod({ containers: [{ name: 'app', state: { terminated: { exitCode: 137, signal: 9 } } }] }), status: 'Signal:9', icon: '✖', ready: '0/1', restarts: 0 },
    { name: 'terminated with exit code', p: pod({ containers: [{ name: 'app', state: { terminated: { exitCode: 2 } } }] }), status: 'ExitCode:2', icon: '✖', ready: '0/1', restarts: 0 },
    { name: 'status.reason overrides phase', p: pod({ phase: 'Failed', reason: 'Evicted', containers: [] }), status: 'Evicted', icon: ' ', ready: '0/1', restarts: 0 },
    { name: 'pending', p: pod({ phase: 'Pending', containers: [] }), status: 'Pending', icon: '◌', ready: '0/1', restarts: 0 },
    { name: 'init container waiting', p: pod({ phase: 'Pending', init: [{ name: 'i', state: { waiting: { reason: 'ErrImagePull' } } }] }), status: 'Init:ErrImagePull', icon: '◌', ready: '0/1', restarts: 0 },
    { name: 'init container running', p: pod({ phase: 'Pending', init: [{ name: 'i', state: { running: {} } }] }), status: 'Init:0/1', icon: '◌', ready: '0/1', restarts: 0 },
    { name: 'init container failed', p: pod({ phase: 'Pending', init: [{ name: 'i', restartCount: 2, state: { terminated: { exitCode: 1 } } }] }), status: 'Init:ExitCode:1', icon: '◌', ready: '0/1', restarts: 2 },
    { name: 'started ready sidecar is skipped', p: pod({ init: [{ name: 's', started: true, ready: true, state: { running: {} } }], sidecar: true }), status: 'Running', icon: '✔', ready: '1/1', restarts: 0 },
    { name: 'deleting', p: pod({ deleting: true }), status: 'Terminating', icon: '◌', ready: '1/1', restarts: 0 },
    { name: 'deleting on a lost node', p: pod({ deleting: true, reason: 'NodeLost' }), status: 'Unknown', icon: '?', ready: '1/1', restarts: 0 },
    { name: 'error suffix warns', p: pod({ containers: [{ name: 'app', state: { terminated: { reason: 'ContainerCannotRunError' } } }] }), status: 'ContainerCannotRunError', icon: '⚠', ready: '0/1', restarts: 0 },
  ])('$name → $status', ({ p, status, icon, ready, restarts }) => {
    expect(newPodInfo(p)).toMatchObject({ status, icon, ready, restarts });
  });
});
