import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubectlHarness } from './test-support/kubectl.js';
import { kubectlHarness } from './test-support/kubectl.js';

// The project's install manifest (manifests/) and upstream e2e manifests that use Ingress.
const INSTALL = new URL('../../../manifests/install.yaml', import.meta.url).pathname;
const E2E = '/work/shared/upstream/argo-rollouts/e2e-manifests/functional';

let h: KubectlHarness;
beforeEach(async () => {
  h = await kubectlHarness();
});
afterEach(async () => {
  await h.close();
});

describe('real kubectl with install and e2e manifests', () => {
  it('applies manifests/install.yaml (namespace, CRDs, RBAC, Deployment, Service) and re-applies unchanged', async () => {
    const first = await h.kubectl(['apply', '--server-side', '-f', INSTALL]);
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/clusterrole\.rbac\.authorization\.k8s\.io\/\S+ serverside-applied/);
    expect(first.stdout).toMatch(/deployment\.apps\/\S+ serverside-applied/);
    const again = await h.kubectl(['apply', '--server-side', '-f', INSTALL]);
    expect(again.stderr).toBe('');
  });

  it('serves Ingress objects from the upstream ALB e2e manifest', async () => {
    await h.kubectl(['apply', '--server-side', '-f', new URL('../../../crds/', import.meta.url).pathname]);
    const r = await h.kubectl(['apply', '-f', `${E2E}/alb-canary-multi-ingress-rollout.yaml`]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/ingress\.networking\.k8s\.io\/\S+ created/);
    const ing = await h.kubectl(['get', 'ingress']);
    expect(ing.stdout.split('\n')[0]).toMatch(/^NAME\s+CLASS\s+HOSTS\s+ADDRESS\s+PORTS\s+AGE$/);
  });
});
