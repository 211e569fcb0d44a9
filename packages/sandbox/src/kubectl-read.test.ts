import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubectlHarness } from './test-support/kubectl.js';
import { kubectlHarness } from './test-support/kubectl.js';

let h: KubectlHarness;
beforeEach(async () => {
  h = await kubectlHarness();
});
afterEach(async () => {
  await h.close();
});

describe('real kubectl: reads and generators', () => {
  it('lists the boot namespaces as a server-rendered table', async () => {
    const r = await h.kubectl(['get', 'ns']);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')[0]).toMatch(/^NAME\s+STATUS\s+AGE$/);
    expect(r.stdout).toMatch(/^default\s+Active\s+\d+s$/m);
    expect(r.stdout).toMatch(/^kube-system\s+Active\s+\d+s$/m);
  });

  it('creates a namespace and a configmap from protobuf bodies (kubectl create generators)', async () => {
    expect((await h.kubectl(['create', 'namespace', 'team-a'])).stdout).toBe('namespace/team-a created\n');
    const cm = await h.kubectl(['create', 'configmap', 'settings', '-n', 'team-a', '--from-literal=color=blue', '--from-literal=size=2']);
    expect(cm.stdout).toBe('configmap/settings created\n');
    const yaml = await h.kubectl(['get', 'cm', 'settings', '-n', 'team-a', '-o', 'yaml']);
    expect(yaml.stdout).toContain('data:\n  color: blue\n  size: "2"\n');
    expect(yaml.stdout).toContain('namespace: team-a');
    const ns = await h.kubectl(['get', 'ns', 'team-a', '-o', 'jsonpath={.metadata.labels.kubernetes\\.io/metadata\\.name} {.status.phase}']);
    expect(ns.stdout).toBe('team-a Active');
  });

  it('creates a secret from a protobuf body and prints its table', async () => {
    expect((await h.kubectl(['create', 'secret', 'generic', 'creds', '--from-literal=password=s3cret'])).stdout).toBe('secret/creds created\n');
    const table = await h.kubectl(['get', 'secret', 'creds']);
    expect(table.stdout).toMatch(/^NAME\s+TYPE\s+DATA\s+AGE\ncreds\s+Opaque\s+1\s+\d+s\n$/);
    const json = JSON.parse((await h.kubectl(['get', 'secret', 'creds', '-o', 'json'])).stdout) as { data: Record<string, string> };
    expect(Buffer.from(json.data['password'] ?? '', 'base64').toString()).toBe('s3cret');
  });

  it.each([
    { name: 'deployment', args: ['create', 'deployment', 'web', '--image=nginx:1.25', '--replicas=2'], out: 'deployment.apps/web created', get: ['deploy', 'web', '-o', 'jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image}'], value: '2 nginx:1.25' },
    { name: 'service clusterip', args: ['create', 'service', 'clusterip', 'api', '--tcp=80:8080'], out: 'service/api created', get: ['svc', 'api', '-o', 'jsonpath={.spec.ports[0].port}:{.spec.ports[0].targetPort} {.spec.selector.app}'], value: '80:8080 api' },
  ])('creates a $name from a protobuf body', async ({ args, out, get, value }) => {
    const r = await h.kubectl(args);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${out}\n`);
    expect((await h.kubectl(['get', ...get])).stdout).toBe(value);
  });

  it('prints -o json with apiVersion, kind and server-set metadata', async () => {
    await h.kubectl(['create', 'configmap', 'one', '--from-literal=a=b']);
    const obj = JSON.parse((await h.kubectl(['get', 'configmap', 'one', '-o', 'json'])).stdout) as Record<string, Record<string, unknown>>;
    expect(obj['apiVersion']).toBe('v1');
    expect(obj['kind']).toBe('ConfigMap');
    expect(obj['metadata']?.['uid']).toMatch(/^[0-9a-f-]{36}$/);
    expect(obj['metadata']?.['resourceVersion']).toMatch(/^\d+$/);
  });

  it('answers kubectl auth can-i with yes (the sandbox authorizes everything)', async () => {
    const r = await h.kubectl(['auth', 'can-i', 'delete', 'rollouts.argoproj.io']);
    expect(r.stdout).toBe('yes\n');
  });

  it('reports NotFound the way kubectl prints it', async () => {
    const r = await h.kubectl(['get', 'configmap', 'nope']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Error from server (NotFound): configmaps "nope" not found\n');
  });

  it('reports AlreadyExists on a second create', async () => {
    await h.kubectl(['create', 'ns', 'dup']);
    const r = await h.kubectl(['create', 'ns', 'dup']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Error from server (AlreadyExists): namespaces "dup" already exists\n');
  });

  it('refuses to create in a missing namespace', async () => {
    const r = await h.kubectl(['create', 'configmap', 'x', '-n', 'nonexist', '--from-literal=a=b']);
    expect(r.stderr).toBe('error: failed to create configmap: namespaces "nonexist" not found\n');
  });

  it('rejects a malformed label selector with 400 BadRequest', async () => {
    const r = await h.kubectl(['get', 'pods', '-l', 'a in (b']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "a in (b"');
  });

  it('filters by label selectors (equality and set-based)', async () => {
    for (const [name, tier] of [['a', 'web'], ['b', 'db'], ['c', 'cache']] as const) {
      await h.kubectl(['create', 'configmap', name]);
      await h.kubectl(['label', 'configmap', name, `tier=${tier}`]);
    }
    const names = async (sel: string): Promise<string> => (await h.kubectl(['get', 'cm', '-l', sel, '-o', 'name'])).stdout.trim().split('\n').join(' ');
    expect(await names('tier=web')).toBe('configmap/a');
    expect(await names('tier!=web')).toBe('configmap/b configmap/c');
    expect(await names('tier in (db,cache)')).toBe('configmap/b configmap/c');
    expect(await names('tier notin (db,cache)')).toBe('configmap/a');
    expect(await names('tier,tier!=db')).toBe('configmap/a configmap/c');
  });

  it('filters by field selector metadata.name', async () => {
    await h.kubectl(['create', 'configmap', 'left']);
    await h.kubectl(['create', 'configmap', 'right']);
    const r = await h.kubectl(['get', 'cm', '--field-selector', 'metadata.name=right', '-o', 'name']);
    expect(r.stdout).toBe('configmap/right\n');
  });

  it('streams ADDED, MODIFIED and DELETED with get -w --output-watch-events', async () => {
    await h.kubectl(['create', 'configmap', 'watched', '--from-literal=a=1']);
    const watching = h.kubectl(['get', 'cm', 'watched', '-w', '--output-watch-events', '--request-timeout=20s'], {
      timeoutMs: 25_000,
      stopWhen: (out) => out.includes('DELETED'),
    });
    for (let i = 0; i < 300 && h.sandbox.watches.activeWatches === 0; i++) await new Promise((r) => setTimeout(r, 50));
    await h.kubectl(['patch', 'cm', 'watched', '--type', 'merge', '-p', '{"data":{"a":"2"}}']);
    await h.kubectl(['delete', 'cm', 'watched']);
    const r = await watching;
    const events = r.stdout.trim().split('\n').slice(1).map((l) => l.split(/\s+/)[0]);
    expect(events).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
  });
});
