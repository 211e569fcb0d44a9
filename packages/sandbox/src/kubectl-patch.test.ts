import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubectlHarness } from './test-support/kubectl.js';
import { kubectlHarness } from './test-support/kubectl.js';

const fixture = (name: string): string => new URL(`./__fixtures__/${name}`, import.meta.url).pathname;
const rolloutYaml = readFileSync(fixture('rollout.yaml'), 'utf8');

let h: KubectlHarness;
beforeEach(async () => {
  h = await kubectlHarness();
  await h.kubectl(['apply', '-f', fixture('rollout-crd.yaml')]);
  await h.kubectl(['apply', '-f', '-'], { stdin: rolloutYaml });
});
afterEach(async () => {
  await h.close();
});

async function field(resource: string, jsonpath: string): Promise<string> {
  return (await h.kubectl(['get', resource, '-o', `jsonpath=${jsonpath}`])).stdout;
}

describe('real kubectl: patch, scale, replace, delete', () => {
  it.each([
    { name: 'merge', args: ['--type', 'merge', '-p', '{"spec":{"replicas":7}}'] },
    { name: 'json', args: ['--type', 'json', '-p', '[{"op":"replace","path":"/spec/replicas","value":7}]'] },
  ])('patches a Rollout with --type $name and bumps generation once', async ({ args }) => {
    expect((await h.kubectl(['patch', 'ro', 'demo', ...args])).stdout).toBe('rollout.argoproj.io/demo patched\n');
    expect(await field('ro/demo', '{.spec.replicas} {.metadata.generation}')).toBe('7 2');
  });

  it('reports a no-op patch as "(no change)" without a new resourceVersion', async () => {
    const before = await field('ro/demo', '{.metadata.resourceVersion}');
    expect((await h.kubectl(['patch', 'ro', 'demo', '--type', 'merge', '-p', '{"spec":{"replicas":3}}'])).stdout).toBe('rollout.argoproj.io/demo patched (no change)\n');
    expect(await field('ro/demo', '{.metadata.resourceVersion}')).toBe(before);
  });

  it('rejects a strategic merge patch on a custom resource with 415 and the accepted types', async () => {
    const r = await h.kubectl(['patch', 'ro', 'demo', '-p', '{"spec":{"replicas":1}}']);
    expect(r.stderr).toBe(
      'error: application/strategic-merge-patch+json is not supported by argoproj.io/v1alpha1, Kind=Rollout: the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml\n',
    );
  });

  it('applies a strategic merge patch to a Deployment container by merge key', async () => {
    await h.kubectl(['apply', '-f', fixture('web.yaml')]);
    const patch = '{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox:1.36"}]}}}}';
    expect((await h.kubectl(['patch', 'deploy', 'web', '-p', patch])).stdout).toBe('deployment.apps/web patched\n');
    expect(await field('deploy/web', '{.spec.template.spec.containers[*].image}')).toBe('nginx:1.25 busybox:1.36');
  });

  it('fails a JSON patch whose test operation does not hold, changing nothing', async () => {
    const r = await h.kubectl(['patch', 'ro', 'demo', '--type', 'json', '-p', '[{"op":"test","path":"/spec/replicas","value":9},{"op":"replace","path":"/spec/replicas","value":1}]']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^The request is invalid: /);
    expect(await field('ro/demo', '{.spec.replicas}')).toBe('3');
  });

  it('writes status only through the status subresource and never bumps generation for it', async () => {
    const status = '{"status":{"replicas":3,"HPAReplicas":3,"availableReplicas":2,"updatedReplicas":3,"selector":"app=demo"}}';
    expect((await h.kubectl(['patch', 'ro', 'demo', '--subresource', 'status', '--type', 'merge', '-p', status])).stdout).toBe('rollout.argoproj.io/demo patched\n');
    expect(await field('ro/demo', '{.status.availableReplicas} {.metadata.generation}')).toBe('2 1');
    const ignored = await h.kubectl(['patch', 'ro', 'demo', '--type', 'merge', '-p', '{"status":{"availableReplicas":0}}']);
    expect(ignored.stdout).toBe('rollout.argoproj.io/demo patched (no change)\n');
    const table = await h.kubectl(['get', 'ro', 'demo']);
    expect(table.stdout).toMatch(/\ndemo\s+3\s+3\s+3\s+2\s+\d+s\n$/);
  });

  it('scales a Rollout through its scale subresource', async () => {
    await h.kubectl(['patch', 'ro', 'demo', '--subresource', 'status', '--type', 'merge', '-p', '{"status":{"HPAReplicas":3,"selector":"app=demo"}}']);
    expect((await h.kubectl(['scale', 'ro', 'demo', '--replicas', '5'])).stdout).toBe('rollout.argoproj.io/demo scaled\n');
    expect(await field('ro/demo', '{.spec.replicas}')).toBe('5');
    const scale = JSON.parse((await h.kubectl(['get', '--raw', '/apis/argoproj.io/v1alpha1/namespaces/default/rollouts/demo/scale'])).stdout) as Record<string, unknown>;
    expect(scale).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 5 }, status: { replicas: 3, selector: 'app=demo' } });
  });

  it('scales a Deployment (built-in scale subresource)', async () => {
    await h.kubectl(['apply', '-f', fixture('web.yaml')]);
    expect((await h.kubectl(['scale', 'deploy', 'web', '--replicas', '0'])).stdout).toBe('deployment.apps/web scaled\n');
    expect(await field('deploy/web', '{.spec.replicas}')).toBe('0');
  });

  it('refuses a replace with a stale resourceVersion (409 Conflict)', async () => {
    const stale = (await h.kubectl(['get', 'ro', 'demo', '-o', 'yaml'])).stdout;
    await h.kubectl(['label', 'ro', 'demo', 'touched=yes']);
    const r = await h.kubectl(['replace', '-f', h.file('stale.yaml', stale)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'Error from server (Conflict): error when replacing "' + h.dir + '/stale.yaml": Operation cannot be fulfilled on rollouts.argoproj.io "demo": the object has been modified; please apply your changes to the latest version and try again',
    );
  });

  it('deletes an object without finalizers at once', async () => {
    expect((await h.kubectl(['delete', 'ro', 'demo'])).stdout).toBe('rollout.argoproj.io "demo" deleted\n');
    expect((await h.kubectl(['get', 'ro', 'demo'])).stderr).toBe('Error from server (NotFound): rollouts.argoproj.io "demo" not found\n');
  });

  it('waits in delete until the last finalizer is removed', async () => {
    await h.kubectl(['patch', 'ro', 'demo', '--type', 'merge', '-p', '{"metadata":{"finalizers":["example.com/hold"]}}']);
    const deleting = h.kubectl(['delete', 'ro', 'demo', '--timeout=10s']);
    let ts = '';
    for (let i = 0; i < 50 && ts === ''; i++) {
      await new Promise((r) => setTimeout(r, 100));
      ts = await field('ro/demo', '{.metadata.deletionTimestamp}');
    }
    expect(ts).toMatch(/^\d{4}-\d\d-\d\dT/);
    await h.kubectl(['patch', 'ro', 'demo', '--type', 'json', '-p', '[{"op":"remove","path":"/metadata/finalizers"}]']);
    const r = await deleting;
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('rollout.argoproj.io "demo" deleted\n');
    expect((await h.kubectl(['get', 'ro'])).stderr).toBe('No resources found in default namespace.\n');
  });

  it('deletes a namespace with its contents', async () => {
    await h.kubectl(['create', 'ns', 'scratch']);
    await h.kubectl(['create', 'configmap', 'c', '-n', 'scratch']);
    expect((await h.kubectl(['delete', 'ns', 'scratch'])).stdout).toBe('namespace "scratch" deleted\n');
    expect((await h.kubectl(['get', 'cm', '-A', '-o', 'name'])).stdout).not.toContain('configmap/c');
  });

  it('runs a server-side dry run without persisting', async () => {
    const r = await h.kubectl(['create', 'configmap', 'dry', '--dry-run=server', '-o', 'name']);
    expect(r.stdout).toBe('configmap/dry\n');
    expect((await h.kubectl(['get', 'cm', 'dry'])).code).toBe(1);
  });
});
