import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubectlHarness } from './test-support/kubectl.js';
import { kubectlHarness } from './test-support/kubectl.js';

// Serin's generated CRDs (crds/, from packages/api) and upstream Argo Rollouts e2e manifests.
const CRDS = new URL('../../../crds/', import.meta.url).pathname;
const E2E = '/work/shared/upstream/argo-rollouts/e2e-manifests/functional';
const CRD_NAMES = ['analysisruns', 'analysistemplates', 'clusteranalysistemplates', 'experiments', 'rollouts'];

let h: KubectlHarness;
beforeEach(async () => {
  h = await kubectlHarness();
});
afterEach(async () => {
  await h.close();
});

describe('real kubectl with the project CRDs and upstream manifests', () => {
  it.each([
    { name: 'client-side apply', args: ['apply', '-f', CRDS], verb: 'created' },
    { name: 'server-side apply', args: ['apply', '--server-side', '-f', CRDS], verb: 'serverside-applied' },
    { name: 'create', args: ['create', '-f', CRDS], verb: 'created' },
  ])('installs crds/ with $name', async ({ args, verb }) => {
    const r = await h.kubectl(args);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(CRD_NAMES.map((n) => `customresourcedefinition.apiextensions.k8s.io/${n}.argoproj.io ${verb}\n`).join(''));
  });

  it('serves upstream e2e manifests: a blue-green Rollout with its Service, and an AnalysisTemplate', async () => {
    await h.kubectl(['apply', '--server-side', '-f', CRDS]);
    const r = await h.kubectl(['apply', '-f', `${E2E}/rollout-bluegreen.yaml`, '-f', `${E2E}/analysistemplate-web-background.yaml`]);
    expect(r.stdout).toBe('service/bluegreen created\nrollout.argoproj.io/bluegreen created\nanalysistemplate.argoproj.io/web-background created\n');
    const ro = await h.kubectl(['get', 'ro']);
    expect(ro.stdout).toMatch(/^NAME\s+DESIRED\s+CURRENT\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nbluegreen\s+3\s+\d+s\n$/);
    const again = await h.kubectl(['apply', '-f', `${E2E}/rollout-bluegreen.yaml`]);
    expect(again.stdout).toBe('service/bluegreen unchanged\nrollout.argoproj.io/bluegreen unchanged\n');
  });
});
