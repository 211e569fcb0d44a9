import { describe, expect, it } from 'vitest';
import { E2eMode, chooseMode } from './mode.js';

describe('chooseMode', () => {
  it.each([
    { name: 'nothing set → sandbox', env: {}, want: { mode: E2eMode.sandbox } },
    { name: 'KUBECONFIG alone → sandbox (never touch a real cluster by accident)', env: { KUBECONFIG: '/k' }, want: { mode: E2eMode.sandbox } },
    { name: 'E2E_CLUSTER alone → sandbox (no cluster named)', env: { E2E_CLUSTER: '1' }, want: { mode: E2eMode.sandbox } },
    { name: 'both → cluster', env: { E2E_CLUSTER: '1', KUBECONFIG: '/k' }, want: { mode: E2eMode.cluster, kubeconfig: '/k' } },
    { name: 'E2E_CLUSTER=true → cluster', env: { E2E_CLUSTER: 'true', KUBECONFIG: '/k' }, want: { mode: E2eMode.cluster, kubeconfig: '/k' } },
    { name: 'E2E_CLUSTER=0 → sandbox', env: { E2E_CLUSTER: '0', KUBECONFIG: '/k' }, want: { mode: E2eMode.sandbox } },
  ])('$name', ({ env, want }) => {
    expect(chooseMode(env)).toEqual(want);
  });
});
