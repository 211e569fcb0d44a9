import { describe, expect, it } from 'vitest';
import { applyConflictMessage, applyServerSide, recordUpdateManager } from './server-side-apply.js';

const NOW = '2026-11-27T10:00:00Z';
const LATER = '2026-11-27T10:05:00Z';

function deployment(opts: { replicas?: number; image?: string; labels?: Record<string, string>; containers?: unknown[] } = {}) {
  const spec: Record<string, unknown> = {
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: opts.containers ?? [{ name: 'web', image: opts.image ?? 'nginx:1.25' }] },
    },
  };
  if (opts.replicas !== undefined) spec.replicas = opts.replicas;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', ...(opts.labels ? { labels: opts.labels } : {}) },
    spec,
  };
}

type Obj = Record<string, unknown>;
const managed = (o: Obj) => (o.metadata as { managedFields?: Obj[] }).managedFields ?? [];
const spec = (o: Obj) => o.spec as Obj;

describe('applyServerSide', () => {
  it('first apply creates the object with one Apply entry owning the applied fields', () => {
    const { object, conflicts } = applyServerSide(undefined, deployment({ replicas: 3 }), { manager: 'kubectl', force: false, now: NOW });
    expect(conflicts).toEqual([]);
    expect(spec(object).replicas).toBe(3);
    const [entry, ...rest] = managed(object);
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({ manager: 'kubectl', operation: 'Apply', apiVersion: 'apps/v1', time: NOW, fieldsType: 'FieldsV1' });
    const fields = entry?.fieldsV1 as { 'f:spec': Record<string, Obj> };
    expect(fields['f:spec']['f:replicas']).toEqual({});
    expect((fields['f:spec']['f:template'] as Record<string, Obj>)['f:spec']).toEqual({
      'f:containers': { 'k:{"name":"web"}': { '.': {}, 'f:image': {}, 'f:name': {} } },
    });
  });

  it('re-apply by the same manager updates values and removes fields it no longer sends', () => {
    const first = applyServerSide(undefined, deployment({ replicas: 3, labels: { team: 'a' } }), { manager: 'kubectl', force: false, now: NOW }).object;
    const { object, conflicts } = applyServerSide(first, deployment({ image: 'nginx:1.26' }), { manager: 'kubectl', force: false, now: LATER });
    expect(conflicts).toEqual([]);
    expect(spec(object).replicas).toBeUndefined();
    expect((object.metadata as Obj).labels).toBeUndefined();
    const containers = ((spec(object).template as Obj).spec as Obj).containers;
    expect(containers).toEqual([{ name: 'web', image: 'nginx:1.26' }]);
  });

  it('an unchanged re-apply returns the stored object itself (no write)', () => {
    const first = applyServerSide(undefined, deployment({ replicas: 3 }), { manager: 'kubectl', force: false, now: NOW }).object;
    const again = applyServerSide(first, deployment({ replicas: 3 }), { manager: 'kubectl', force: false, now: LATER });
    expect(again.object).toBe(first);
  });

  const patchedByOther = () => {
    const first = applyServerSide(undefined, deployment({ replicas: 3 }), { manager: 'kubectl', force: false, now: NOW }).object;
    const after = structuredClone(first);
    (after.spec as Obj).replicas = 5;
    return recordUpdateManager(first, after, 'kubectl-patch', LATER);
  };

  it('a differing value owned by another manager is a conflict and nothing changes', () => {
    const live = patchedByOther();
    const { object, conflicts } = applyServerSide(live, deployment({ replicas: 3 }), { manager: 'kubectl', force: false, now: LATER });
    expect(conflicts).toEqual([
      { field: '.spec.replicas', manager: 'kubectl-patch', operation: 'Update', apiVersion: 'apps/v1', message: 'conflict with "kubectl-patch" using apps/v1' },
    ]);
    expect(object).toBe(live);
    expect(applyConflictMessage(conflicts)).toBe('Apply failed with 1 conflict: conflict with "kubectl-patch" using apps/v1: .spec.replicas');
  });

  it('the same value owned by another manager is shared, not a conflict', () => {
    const live = patchedByOther();
    const { conflicts } = applyServerSide(live, deployment({ replicas: 5 }), { manager: 'kubectl', force: false, now: LATER });
    expect(conflicts).toEqual([]);
  });

  it('force takes ownership from the other manager', () => {
    const live = patchedByOther();
    const { object, conflicts } = applyServerSide(live, deployment({ replicas: 3 }), { manager: 'kubectl', force: true, now: LATER });
    expect(conflicts).toEqual([]);
    expect(spec(object).replicas).toBe(3);
    expect(managed(object).map((e) => e.manager)).toEqual(['kubectl']);
  });

  it('a field another manager also owns survives when the applier stops sending it', () => {
    const first = applyServerSide(undefined, deployment({ replicas: 3 }), { manager: 'kubectl', force: false, now: NOW }).object;
    const shared = applyServerSide(first, deployment({ replicas: 3 }), { manager: 'ci', force: false, now: NOW }).object;
    const { object } = applyServerSide(shared, deployment({}), { manager: 'kubectl', force: false, now: LATER });
    expect(spec(object).replicas).toBe(3);
  });

  it('list-map elements merge by name: a second manager adds a sidecar without touching web', () => {
    const first = applyServerSide(undefined, deployment({}), { manager: 'kubectl', force: false, now: NOW }).object;
    const sidecar = deployment({ containers: [{ name: 'sidecar', image: 'busybox' }] });
    const { object, conflicts } = applyServerSide(first, sidecar, { manager: 'injector', force: false, now: NOW });
    expect(conflicts).toEqual([]);
    const names = (((spec(object).template as Obj).spec as Obj).containers as Obj[]).map((c) => c.name);
    expect(names).toEqual(['web', 'sidecar']);
  });

  it('conflicts inside a list-map element render with the key', () => {
    const first = applyServerSide(undefined, deployment({}), { manager: 'kubectl', force: false, now: NOW }).object;
    const { conflicts } = applyServerSide(first, deployment({ image: 'nginx:1.27' }), { manager: 'ci', force: false, now: NOW });
    expect(conflicts.map((c) => c.field)).toEqual(['.spec.template.spec.containers[name="web"].image']);
    expect(conflicts[0]?.message).toBe('conflict with "kubectl"');
  });

  it('custom resources treat lists as atomic', () => {
    const ro = (containers: unknown[]) => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'demo' }, spec: { template: { spec: { containers } } } });
    const first = applyServerSide(undefined, ro([{ name: 'a', image: 'x' }]), { manager: 'kubectl', force: false, now: NOW }).object;
    const fields = managed(first)[0]?.fieldsV1 as Obj;
    expect(fields).toEqual({ 'f:spec': { 'f:template': { 'f:spec': { 'f:containers': {} } } } });
  });
});

describe('applyConflictMessage', () => {
  it('groups several conflicts by manager', () => {
    const c = (field: string, manager: string) => ({ field, manager, operation: 'Update' as const, apiVersion: 'apps/v1', message: `conflict with "${manager}" using apps/v1` });
    expect(applyConflictMessage([c('.spec.replicas', 'kubectl-edit'), c('.spec.paused', 'kubectl-edit')])).toBe(
      'Apply failed with 2 conflicts: conflicts with "kubectl-edit" using apps/v1:\n- .spec.replicas\n- .spec.paused',
    );
  });
});

describe('recordUpdateManager', () => {
  it('create records every field for the creating manager', () => {
    const obj = recordUpdateManager(undefined, deployment({ replicas: 1 }), 'kubectl-create', NOW);
    expect(managed(obj)).toHaveLength(1);
    expect(managed(obj)[0]).toMatchObject({ manager: 'kubectl-create', operation: 'Update', apiVersion: 'apps/v1', time: NOW });
  });

  it('a no-op write keeps the stored managedFields', () => {
    const created = recordUpdateManager(undefined, deployment({ replicas: 1 }), 'kubectl-create', NOW);
    const same = recordUpdateManager(created, structuredClone(created), 'kubectl-edit', LATER);
    expect(managed(same)).toEqual(managed(created));
  });

  it('an edit takes ownership of changed fields only', () => {
    const created = recordUpdateManager(undefined, deployment({ replicas: 1 }), 'kubectl-create', NOW);
    const edited = structuredClone(created);
    (edited.spec as Obj).replicas = 2;
    const out = recordUpdateManager(created, edited, 'kubectl-edit', LATER);
    const entries = managed(out);
    expect(entries.map((e) => e.manager)).toEqual(['kubectl-create', 'kubectl-edit']);
    expect(entries[1]?.fieldsV1).toEqual({ 'f:spec': { 'f:replicas': {} } });
    expect(JSON.stringify(entries[0]?.fieldsV1)).not.toContain('f:replicas');
  });

  it('client-written managedFields are stored as written (CSA→SSA migration)', () => {
    const created = recordUpdateManager(undefined, deployment({ replicas: 1 }), 'kubectl-client-side-apply', NOW);
    const migrated = structuredClone(created);
    const written = [{ manager: 'kubectl', operation: 'Apply', apiVersion: 'apps/v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:replicas': {} } } }];
    (migrated.metadata as Obj).managedFields = written;
    expect(managed(recordUpdateManager(created, migrated, 'kubectl', LATER))).toEqual(written);
  });

  it('status subresource writes record status fields with subresource "status"', () => {
    const created = recordUpdateManager(undefined, deployment({ replicas: 1 }), 'kubectl-create', NOW);
    const withStatus = { ...structuredClone(created), status: { replicas: 1 } };
    const out = recordUpdateManager(created, withStatus, 'serin', LATER, { subresource: 'status' });
    expect(managed(out)[1]).toMatchObject({ manager: 'serin', subresource: 'status', fieldsV1: { 'f:status': { 'f:replicas': {} } } });
  });
});

describe('server-side apply follows the upstream list and struct markers', () => {
  const withPorts = (ports: unknown[]) => deployment({ containers: [{ name: 'web', image: 'nginx', ports }] });

  it('container ports are keyed by containerPort and protocol (protocol defaults to TCP)', () => {
    const { object } = applyServerSide(undefined, withPorts([{ containerPort: 80 }]), { manager: 'kubectl', force: false, now: NOW });
    const containers = ((managed(object)[0]?.fieldsV1 as Record<string, Obj>)['f:spec']?.['f:template'] as Record<string, Obj>)['f:spec']?.['f:containers'] as Obj;
    expect(Object.keys(containers['k:{"name":"web"}'] as Obj)).toContain('f:ports');
    expect(Object.keys((containers['k:{"name":"web"}'] as Record<string, Obj>)['f:ports'] ?? {})).toEqual(['k:{"containerPort":80,"protocol":"TCP"}']);
  });

  it('a conflict inside a multi-key element renders every key', () => {
    const first = applyServerSide(undefined, withPorts([{ containerPort: 80, name: 'http' }]), { manager: 'kubectl', force: false, now: NOW }).object;
    const { conflicts } = applyServerSide(first, withPorts([{ containerPort: 80, name: 'web' }]), { manager: 'ci', force: false, now: NOW });
    expect(conflicts.map((c) => c.field)).toContain('.spec.template.spec.containers[name="web"].ports[containerPort=80,protocol="TCP"].name');
  });

  it('the label selector is atomic: owned as one field', () => {
    const { object } = applyServerSide(undefined, deployment({}), { manager: 'kubectl', force: false, now: NOW });
    const spec = (managed(object)[0]?.fieldsV1 as Record<string, Obj>)['f:spec'];
    expect(spec?.['f:selector']).toEqual({});
  });

  it('metadata labels merge per key between managers', () => {
    const first = applyServerSide(undefined, deployment({ labels: { a: '1' } }), { manager: 'kubectl', force: false, now: NOW }).object;
    const { object, conflicts } = applyServerSide(first, deployment({ labels: { b: '2' } }), { manager: 'ci', force: false, now: NOW });
    expect(conflicts).toEqual([]);
    expect((object.metadata as Obj).labels).toEqual({ a: '1', b: '2' });
  });
});

describe('server-side apply of custom resources with their CRD schema', () => {
  const schema = {
    type: 'object',
    properties: {
      metadata: { type: 'object' },
      spec: {
        type: 'object',
        properties: {
          replicas: { type: 'integer' },
          containers: {
            type: 'array',
            'x-kubernetes-list-type': 'map',
            'x-kubernetes-list-map-keys': ['name'],
            items: { type: 'object', properties: { name: { type: 'string' }, image: { type: 'string' } } },
          },
          args: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  };
  const widget = (spec: Obj) => ({ apiVersion: 'example.io/v1', kind: 'Widget', metadata: { name: 'w', finalizers: ['x'] }, spec });

  it('list-maps from the schema merge per element across managers', () => {
    const first = applyServerSide(undefined, widget({ containers: [{ name: 'a', image: '1' }] }), { manager: 'kubectl', force: false, now: NOW, schema }).object;
    const { object, conflicts } = applyServerSide(first, widget({ containers: [{ name: 'b', image: '2' }] }), { manager: 'ci', force: false, now: NOW, schema });
    expect(conflicts).toEqual([]);
    expect(((object.spec as Obj).containers as Obj[]).map((c) => c.name)).toEqual(['a', 'b']);
  });

  it('without the schema the same lists are atomic and the second apply conflicts', () => {
    const first = applyServerSide(undefined, widget({ containers: [{ name: 'a', image: '1' }] }), { manager: 'kubectl', force: false, now: NOW }).object;
    const { conflicts } = applyServerSide(first, widget({ containers: [{ name: 'b', image: '2' }] }), { manager: 'ci', force: false, now: NOW });
    expect(conflicts.map((c) => c.field)).toEqual(['.spec.containers']);
  });

  it('lists without x-kubernetes-list-type stay atomic; metadata keeps ObjectMeta semantics', () => {
    const { object } = applyServerSide(undefined, widget({ args: ['--a'] }), { manager: 'kubectl', force: false, now: NOW, schema });
    expect(managed(object)[0]?.fieldsV1).toEqual({ 'f:metadata': { 'f:finalizers': { 'v:"x"': {} } }, 'f:spec': { 'f:args': {} } });
  });

  it('recordUpdateManager pins a changed element field by key', () => {
    const first = applyServerSide(undefined, widget({ containers: [{ name: 'a', image: '1' }] }), { manager: 'kubectl', force: false, now: NOW, schema }).object;
    const edited = structuredClone(first);
    const [container] = (edited.spec as Obj).containers as Obj[];
    if (container) container.image = '2';
    const out = recordUpdateManager(first, edited, 'kubectl-edit', LATER, { schema });
    const { conflicts } = applyServerSide(out, widget({ containers: [{ name: 'a', image: '1' }] }), { manager: 'kubectl', force: false, now: LATER, schema });
    expect(conflicts.map((c) => `${c.field} ${c.message}`)).toEqual(['.spec.containers[name="a"].image conflict with "kubectl-edit" using example.io/v1']);
  });
});
