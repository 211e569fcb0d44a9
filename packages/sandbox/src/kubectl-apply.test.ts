import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubectlHarness } from './test-support/kubectl.js';
import { kubectlHarness } from './test-support/kubectl.js';

const fixture = (name: string): string => new URL(`./__fixtures__/${name}`, import.meta.url).pathname;
const rolloutYaml = readFileSync(fixture('rollout.yaml'), 'utf8');
const webYaml = readFileSync(fixture('web.yaml'), 'utf8');

let h: KubectlHarness;
beforeEach(async () => {
  h = await kubectlHarness();
});
afterEach(async () => {
  await h.close();
});

async function installRolloutCrd(): Promise<void> {
  const r = await h.kubectl(['apply', '-f', fixture('rollout-crd.yaml')]);
  expect(r.stdout).toBe('customresourcedefinition.apiextensions.k8s.io/rollouts.argoproj.io created\n');
}

async function jsonOf(args: string[]): Promise<Record<string, unknown>> {
  const r = await h.kubectl([...args, '-o', 'json']);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe('real kubectl: apply', () => {
  it('client-side applies a CRD and a Rollout, prints Argo columns, and re-applies changes', async () => {
    await installRolloutCrd();
    expect((await h.kubectl(['apply', '-f', '-'], { stdin: rolloutYaml })).stdout).toBe('rollout.argoproj.io/demo created\n');
    const table = await h.kubectl(['get', 'ro']);
    expect(table.stdout).toMatch(/^NAME\s+DESIRED\s+CURRENT\s+UP-TO-DATE\s+AVAILABLE\s+AGE\ndemo\s+3\s+\d+s\n$/);
    const changed = rolloutYaml.replace('replicas: 3', 'replicas: 4');
    expect((await h.kubectl(['apply', '-f', '-'], { stdin: changed })).stdout).toBe('rollout.argoproj.io/demo configured\n');
    expect((await h.kubectl(['apply', '-f', '-'], { stdin: changed })).stdout).toBe('rollout.argoproj.io/demo unchanged\n');
    const obj = await jsonOf(['get', 'rollout', 'demo']);
    expect(obj['spec']).toMatchObject({ replicas: 4 });
    expect(obj['metadata']).toMatchObject({ generation: 2 });
  });

  it('server-side applies a Rollout, then reports a field-manager conflict and honours --force-conflicts', async () => {
    await installRolloutCrd();
    expect((await h.kubectl(['apply', '--server-side', '-f', '-'], { stdin: rolloutYaml })).stdout).toBe('rollout.argoproj.io/demo serverside-applied\n');
    await h.kubectl(['patch', 'ro', 'demo', '--type', 'merge', '-p', '{"spec":{"replicas":5}}']);
    const conflict = await h.kubectl(['apply', '--server-side', '-f', '-'], { stdin: rolloutYaml });
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toMatch(/^error: Apply failed with 1 conflict: conflict with "kubectl-patch".*: \.spec\.replicas\n/);
    expect(conflict.stderr).toContain('--force-conflicts');
    const forced = await h.kubectl(['apply', '--server-side', '--force-conflicts', '-f', '-'], { stdin: rolloutYaml });
    expect(forced.stdout).toBe('rollout.argoproj.io/demo serverside-applied\n');
    expect((await jsonOf(['get', 'ro', 'demo']))['spec']).toMatchObject({ replicas: 3 });
  });

  it('installs a CRD with apply --server-side and serves its kind at once', async () => {
    const crd = await h.kubectl(['apply', '--server-side', '-f', fixture('rollout-crd.yaml')]);
    expect(crd.stdout).toBe('customresourcedefinition.apiextensions.k8s.io/rollouts.argoproj.io serverside-applied\n');
    const established = await h.kubectl(['get', 'crd', 'rollouts.argoproj.io', '-o', 'jsonpath={.status.conditions[?(@.type=="Established")].status}']);
    expect(established.stdout).toBe('True');
    expect((await h.kubectl(['get', 'rollouts'])).stderr).toBe('No resources found in default namespace.\n');
  });

  it('applies a Deployment and a Service, then re-applies with a changed image, a removed env var and a new port', async () => {
    const first = await h.kubectl(['apply', '-f', '-'], { stdin: webYaml });
    expect(first.stdout).toBe('deployment.apps/web created\nservice/web created\n');
    const changed = webYaml.replace('nginx:1.25', 'nginx:1.26').replace(/\s+- name: B\n\s+value: "2"/, '').replace('port: 80\n', 'port: 8080\n');
    const second = await h.kubectl(['apply', '-f', '-'], { stdin: changed });
    expect(second.stdout).toBe('deployment.apps/web configured\nservice/web configured\n');
    const deploy = await jsonOf(['get', 'deploy', 'web']);
    const containers = (deploy['spec'] as { template: { spec: { containers: { name: string; image: string; env?: unknown }[] } } }).template.spec.containers;
    expect(containers.map((c) => [c.name, c.image])).toEqual([
      ['web', 'nginx:1.26'],
      ['sidecar', 'busybox'],
    ]);
    expect(containers[0]?.env).toEqual([{ name: 'A', value: '1' }]);
    expect(deploy['metadata']).toMatchObject({ generation: 2 });
    const svc = await jsonOf(['get', 'svc', 'web']);
    expect((svc['spec'] as { ports: unknown[] }).ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP', targetPort: 80 }]);
    const table = await h.kubectl(['get', 'deploy,svc']);
    expect(table.stdout).toMatch(/NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\ndeployment\.apps\/web\s+0\/2\s+0\s+0\s+\d+s/);
    expect(table.stdout).toMatch(/service\/web\s+ClusterIP\s+10\.96\.\d+\.\d+\s+<none>\s+8080\/TCP\s+\d+s/);
  });

  it('migrates a client-side applied Deployment to server-side apply without warnings', async () => {
    await h.kubectl(['apply', '-f', '-'], { stdin: webYaml });
    const ssa = await h.kubectl(['apply', '--server-side', '-f', '-'], { stdin: webYaml.replace('replicas: 2', 'replicas: 3') });
    expect(ssa.stderr).toBe('');
    expect(ssa.stdout).toBe('deployment.apps/web serverside-applied\nservice/web serverside-applied\n');
    expect((await jsonOf(['get', 'deploy', 'web']))['spec']).toMatchObject({ replicas: 3 });
  });

  it('rejects a client-side apply whose last-applied annotation exceeds 256 KiB', async () => {
    const big = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  blob: "${'x'.repeat(270_000)}"\n`;
    const r = await h.kubectl(['apply', '-f', h.file('big.yaml', big)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('The ConfigMap "big" is invalid: metadata.annotations: Too long: may not be more than 262144 bytes');
    expect((await h.kubectl(['create', '-f', h.file('big.yaml', big)])).stdout).toBe('configmap/big created\n');
  });

  it('fails a CRD and its custom resource in one file until the CRD is served, as a real cluster does', async () => {
    const both = `${readFileSync(fixture('rollout-crd.yaml'), 'utf8')}\n---\n${rolloutYaml}`;
    const path = h.file('both.yaml', both);
    const first = await h.kubectl(['apply', '-f', path]);
    expect(first.stdout).toContain('customresourcedefinition.apiextensions.k8s.io/rollouts.argoproj.io created');
    const second = await h.kubectl(['apply', '-f', path]);
    expect(second.stdout).toContain('rollout.argoproj.io/demo created');
  });

  it('reports schema violations as 422 Invalid the way kubectl prints them', async () => {
    await installRolloutCrd();
    const bad = rolloutYaml.replace('replicas: 3', 'replicas: "three"');
    const r = await h.kubectl(['apply', '-f', h.file('bad.yaml', bad)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('The Rollout "demo" is invalid: spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"\n');
  });

  it('rejects unknown fields under the default strict validation and warns under --validate=warn', async () => {
    await installRolloutCrd();
    const unknown = h.file('unknown.yaml', rolloutYaml.replace('replicas: 3', 'replicas: 3\n  foo: bar'));
    const strict = await h.kubectl(['apply', '-f', unknown]);
    expect(strict.stderr).toBe(
      `Error from server (BadRequest): error when creating "${unknown}": Rollout in version "v1alpha1" cannot be handled as a Rollout: strict decoding error: unknown field "spec.foo"\n`,
    );
    const warn = await h.kubectl(['apply', '--validate=warn', '-f', unknown]);
    expect(warn.stderr).toBe('Warning: unknown field "spec.foo"\n');
    expect(warn.stdout).toBe('rollout.argoproj.io/demo created\n');
    expect((await h.kubectl(['get', 'ro', 'demo', '-o', 'jsonpath={.spec.foo}'])).stdout).toBe('');
  });
});
