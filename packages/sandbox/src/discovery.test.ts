import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { AGGREGATED_DISCOVERY_CONTENT_TYPE } from './discovery.js';
import type { Sandbox } from './sandbox.js';
import { startSandbox } from './sandbox.js';

const AGGREGATED_ACCEPT =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
const crd: unknown = parse(readFileSync(new URL('./__fixtures__/rollout-crd.yaml', import.meta.url), 'utf8'));

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterEach(async () => {
  await sandbox.close();
});

async function get(path: string, accept = 'application/json'): Promise<{ status: number; type: string; body: Record<string, unknown> }> {
  const res = await fetch(`${sandbox.url}${path}`, { headers: { Accept: accept } });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

interface DiscoveryResource {
  resource: string;
  responseKind?: unknown;
  subresources?: { subresource: string; responseKind: unknown }[];
}
type DiscoveryList = { items: { metadata: { name: string }; versions: { version: string; resources: DiscoveryResource[] }[] }[] };

function installCrd(): void {
  sandbox.api.create(sandbox.api.type('apiextensions.k8s.io', 'v1', 'customresourcedefinitions'), undefined, crd);
}

describe('discovery and OpenAPI', () => {
  it('reports v1.32 in /version so the kubectl dispatcher picks kubectl 1.32', async () => {
    const r = await get('/version?timeout=5s');
    expect(r.body).toMatchObject({ major: '1', minor: '32', gitVersion: 'v1.32.4' });
  });

  it('serves aggregated discovery with its exact content type and a responseKind on every resource', async () => {
    const r = await get('/apis', AGGREGATED_ACCEPT);
    expect(r.type).toBe(AGGREGATED_DISCOVERY_CONTENT_TYPE);
    const list = r.body as unknown as DiscoveryList;
    const resources = list.items.flatMap((g) => g.versions.flatMap((v) => v.resources));
    expect(resources.length).toBeGreaterThan(5);
    expect(resources.every((res) => res.responseKind !== undefined)).toBe(true);
    const deployments = resources.find((res) => res.resource === 'deployments');
    expect(deployments?.subresources?.find((s) => s.subresource === 'scale')?.responseKind).toEqual({ group: 'autoscaling', version: 'v1', kind: 'Scale' });
  });

  it('lists the core group under /api with name ""', async () => {
    const list = (await get('/api', AGGREGATED_ACCEPT)).body as unknown as DiscoveryList;
    expect(list.items.map((g) => g.metadata.name)).toEqual(['']);
    expect(list.items[0]?.versions[0]?.resources.map((r) => r.resource)).toContain('pods');
  });

  it('falls back to legacy APIVersions / APIGroupList for plain JSON clients', async () => {
    expect((await get('/api')).body).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    expect((await get('/apis')).body).toMatchObject({ kind: 'APIGroupList' });
    const apps = (await get('/apis/apps/v1')).body as { resources: { name: string }[] };
    expect(apps.resources.map((r) => r.name)).toEqual([
      'deployments',
      'deployments/status',
      'deployments/scale',
      'replicasets',
      'replicasets/status',
      'replicasets/scale',
      'statefulsets',
      'statefulsets/status',
      'statefulsets/scale',
      'daemonsets',
      'daemonsets/status',
    ]);
  });

  it('adds and removes a CRD group in discovery and the OpenAPI index as the CRD comes and goes', async () => {
    const groups = async (): Promise<string[]> => ((await get('/apis', AGGREGATED_ACCEPT)).body as unknown as DiscoveryList).items.map((g) => g.metadata.name);
    expect(await groups()).not.toContain('argoproj.io');
    installCrd();
    expect(await groups()).toContain('argoproj.io');
    const index = (await get('/openapi/v3')).body as { paths: Record<string, { serverRelativeURL: string }> };
    const url = index.paths['apis/argoproj.io/v1alpha1']?.serverRelativeURL ?? '';
    const doc = (await get(url)).body as { paths: Record<string, { patch: Record<string, unknown> }> };
    const op = doc.paths['/apis/argoproj.io/v1alpha1/namespaces/{namespace}/rollouts/{name}']?.patch;
    expect(op?.['x-kubernetes-group-version-kind']).toEqual({ group: 'argoproj.io', version: 'v1alpha1', kind: 'Rollout' });
    sandbox.api.delete(sandbox.api.type('apiextensions.k8s.io', 'v1', 'customresourcedefinitions'), undefined, 'rollouts.argoproj.io');
    expect(await groups()).not.toContain('argoproj.io');
    expect((await get('/apis/argoproj.io/v1alpha1/namespaces/default/rollouts')).status).toBe(404);
  });

  it('answers /openapi/v2 with 404 (kubectl fails on a JSON answer)', async () => {
    expect((await get('/openapi/v2', 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf')).status).toBe(404);
  });

  it('renders a CRD printer-column Table with null for missing values', async () => {
    installCrd();
    const ro = sandbox.api.type('argoproj.io', 'v1alpha1', 'rollouts');
    sandbox.api.create(ro, 'default', { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'demo' }, spec: { replicas: 3 } });
    const r = await get('/apis/argoproj.io/v1alpha1/namespaces/default/rollouts', 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json');
    expect(r.type).toBe('application/json;as=Table;v=v1;g=meta.k8s.io');
    const table = r.body as { columnDefinitions: { name: string }[]; rows: { cells: unknown[]; object: { kind: string } }[] };
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Desired', 'Current', 'Up-to-date', 'Available', 'Age']);
    expect(table.rows[0]?.cells.slice(0, 5)).toEqual(['demo', 3, null, null, null]);
    expect(table.rows[0]?.object.kind).toBe('PartialObjectMetadata');
  });
});
