// get rollout: the workloadRef Deployment read and a failed refresh while watching.
// parity: argo-rollouts pkg/kubectl-argo-rollouts/viewcontroller/viewcontroller.go (GetRolloutInfo,
// processNextWorkItem), cmd/get/get_rollout.go
import { describe, expect, it } from 'vitest';
import { runCli } from '../test-support/harness.js';
import type { KubeObject } from '../kube/cluster.js';
import { logrusLine, rfc3339Local } from '../ui/logrus.js';

const now = Date.parse('2026-11-27T10:00:00Z');

const rollout = (workloadRef?: string): KubeObject => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  metadata: { name: 'ro', namespace: 'default', uid: 'ro-uid', creationTimestamp: '2026-11-27T09:00:00Z' },
  spec: {
    replicas: 1,
    ...(workloadRef !== undefined ? { workloadRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: workloadRef } } : { template: { spec: { containers: [{ name: 'c', image: 'nginx' }] } } }),
    strategy: { blueGreen: { activeService: 'active' } },
  },
  status: { phase: 'Healthy' },
});

const deployment: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'dep', namespace: 'default' } };

describe('get rollout with spec.workloadRef', () => {
  it('fails with the lister’s wording when the Deployment is missing', async () => {
    const r = await runCli(['get', 'rollout', 'ro', '--no-color'], { objects: [rollout('dep')], nowMs: now });
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 1, stdout: '', stderr: 'Error: deployment.apps "dep" not found\n' });
  });

  it('renders when the Deployment exists', async () => {
    const r = await runCli(['get', 'rollout', 'ro', '--no-color'], { objects: [rollout('dep'), deployment], nowMs: now });
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('Name:            ro\nNamespace:       default\nStatus:          ✔ Healthy\nStrategy:        BlueGreen\n')).toBe(true);
  });
});

describe('get rollout -w when a refresh fails', () => {
  it('keeps watching with the last view and logs a warning (exit 0 at --timeout-seconds)', async () => {
    let broke = false;
    const r = await runCli(['get', 'rollout', 'ro', '-w', '--no-color', '--timeout-seconds', '3'], {
      objects: [rollout()],
      nowMs: now,
      onSleep: (cluster) => {
        if (broke) return;
        broke = true;
        cluster.put(rollout('gone'));
      },
    });
    expect(r.code).toBe(0);
    expect(r.stdout.split('Name:            ro\n').length - 1).toBe(1);
    expect(r.stderr).toMatch(/^time="[^"]+" level=warning msg="deployment\.apps \\"gone\\" not found"\n$/);
  });
});

describe('logrus text lines', () => {
  it.each([
    { name: 'UTC', offset: 0, out: '2026-11-27T10:00:00Z' },
    { name: 'east of UTC', offset: 90, out: '2026-11-27T11:30:00+01:30' },
    { name: 'west of UTC', offset: -300, out: '2026-11-27T05:00:00-05:00' },
  ])('RFC 3339 in the local zone: $name', ({ offset, out }) => {
    expect(rfc3339Local(now + 999, offset)).toBe(out);
  });

  it.each([
    { msg: 'plain-word_1.2/x@y^z+', out: 'msg=plain-word_1.2/x@y^z+' },
    { msg: 'has space', out: 'msg="has space"' },
    { msg: 'rollout.argoproj.io "x" not found', out: 'msg="rollout.argoproj.io \\"x\\" not found"' },
  ])('quotes only when needed: $msg', ({ msg, out }) => {
    expect(logrusLine('warning', msg, now).endsWith(` level=warning ${out}\n`)).toBe(true);
  });
});

describe('status (watch) when a refresh fails', () => {
  it('logs a warning and goes on watching the last status until the timeout', async () => {
    let broke = false;
    const progressing: KubeObject = { ...rollout(), status: { phase: 'Progressing', message: 'more replicas need to be updated' } };
    const r = await runCli(['status', 'ro', '--timeout', '2m'], {
      objects: [progressing],
      nowMs: now,
      onSleep: (cluster) => {
        if (broke) return;
        broke = true;
        cluster.put({ ...rollout('gone'), status: { phase: 'Progressing', message: 'more replicas need to be updated' } });
      },
    });
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 1, stdout: 'Progressing - more replicas need to be updated\n' });
    expect(r.stderr).toMatch(/^time="[^"]+" level=warning msg="deployment\.apps \\"gone\\" not found"\nError: Rollout status watch exceeded timeout\n$/);
  });
});
