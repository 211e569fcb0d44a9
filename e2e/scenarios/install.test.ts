// The install path of the seed (§2): create namespace argo-rollouts, apply install.yaml, list the argoproj.io
// CRDs; plus server-side dry run and the kustomization. Sandbox mode only: it would install into a real cluster.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mustSucceed } from '../dsl/kubectl.js';
import { E2eMode, chooseMode } from '../dsl/mode.js';
import { repoRoot } from '../dsl/paths.js';
import { type World, startWorld } from '../dsl/world.js';

vi.setConfig({ testTimeout: 90_000 });

const install = join(repoRoot, 'manifests', 'install.yaml');
let world: World;
beforeAll(async () => {
  world = await startWorld({ controller: false });
});
afterAll(async () => {
  await world?.close();
});

describe.runIf(chooseMode(process.env).mode === E2eMode.sandbox)('manifests/ with the real kubectl', () => {
  it('follows the seed: create namespace, (dry run creates nothing), apply -n argo-rollouts, the five argoproj.io CRDs are listed, the controller Deployment and metrics Service exist', async () => {
    mustSucceed('create namespace', await world.kubectl.run(['create', 'namespace', 'argo-rollouts']));
    const dry = mustSucceed('dry run', await world.kubectl.run(['apply', '--dry-run=server', '-n', 'argo-rollouts', '-f', install]));
    expect(dry.stdout).toMatch(/^deployment\.apps\/argo-rollouts created \(server dry run\)$/m);
    expect((await world.kubectl.run(['get', 'deployment', 'argo-rollouts', '-n', 'argo-rollouts'])).code).not.toBe(0);
    mustSucceed('apply install.yaml', await world.kubectl.run(['apply', '-n', 'argo-rollouts', '-f', install]));
    const crds = mustSucceed('get crd', await world.kubectl.run(['get', 'crd', '-o', 'name'])).stdout;
    const argo = crds.split('\n').filter((l) => l.includes('argoproj.io')).sort();
    expect(argo).toEqual([
      'customresourcedefinition.apiextensions.k8s.io/analysisruns.argoproj.io',
      'customresourcedefinition.apiextensions.k8s.io/analysistemplates.argoproj.io',
      'customresourcedefinition.apiextensions.k8s.io/clusteranalysistemplates.argoproj.io',
      'customresourcedefinition.apiextensions.k8s.io/experiments.argoproj.io',
      'customresourcedefinition.apiextensions.k8s.io/rollouts.argoproj.io',
    ]);
    const objects = mustSucceed('get', await world.kubectl.run(['get', 'deployment,service,serviceaccount', '-n', 'argo-rollouts', '-o', 'name'])).stdout;
    expect(objects).toContain('deployment.apps/argo-rollouts');
    expect(objects).toContain('service/argo-rollouts-metrics');
    expect(objects).toContain('serviceaccount/argo-rollouts');
    const again = mustSucceed('re-apply', await world.kubectl.run(['apply', '-n', 'argo-rollouts', '-f', install])).stdout;
    expect(again).not.toMatch(/ created$/m);
  });

  it('the kustomization renders install.yaml with the image tag it pins', async () => {
    const out = mustSucceed('kustomize', await world.kubectl.run(['kustomize', join(repoRoot, 'manifests')])).stdout;
    expect(out).toContain('image: ghcr.io/serin-project/serin-controller:0.1.0');
  });
});
