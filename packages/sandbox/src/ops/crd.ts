import { invalid } from '../errors.js';
import type { StatusCause } from '../errors.js';
import type { JsonObject, KubeObject, ResourceType } from '../types.js';
import { isRecord } from '../types.js';
import type { OpsContext } from './context.js';
import { timestamp } from './context.js';
import { deepEqual } from './object-meta.js';

export const CRD_STORAGE_KEY = 'apiextensions.k8s.io/customresourcedefinitions';

export function isCrdType(t: ResourceType): boolean {
  return t.storageKey === CRD_STORAGE_KEY;
}

/** Structural checks a CRD needs before it can be served: name = `<plural>.<group>`, one storage version. */
export function validateCrd(t: ResourceType, crd: KubeObject): void {
  const spec = isRecord(crd['spec']) ? crd['spec'] : {};
  const names = isRecord(spec['names']) ? spec['names'] : {};
  const name = crd.metadata.name ?? '';
  const causes: StatusCause[] = [];
  const expected = `${String(names['plural'] ?? '')}.${String(spec['group'] ?? '')}`;
  if (name !== expected) {
    causes.push({ reason: 'FieldValueInvalid', field: 'metadata.name', message: `Invalid value: "${name}": must be spec.names.plural+"."+spec.group` });
  }
  const versions = Array.isArray(spec['versions']) ? spec['versions'].filter(isRecord) : [];
  if (versions.filter((v) => v['storage'] === true).length !== 1) {
    causes.push({ reason: 'FieldValueInvalid', field: 'spec.versions', message: 'Invalid value: []apiextensions.CustomResourceDefinitionVersion(nil): must have exactly one version marked as storage version' });
  }
  if (causes.length > 0) throw invalid(t, name, causes);
}

/** CRD status the apiextensions controllers would set: NamesAccepted + Established, acceptedNames, storedVersions. */
export function crdStatus(crd: KubeObject, now: Date): JsonObject {
  const spec = isRecord(crd['spec']) ? crd['spec'] : {};
  const names = isRecord(spec['names']) ? spec['names'] : {};
  const kind = String(names['kind'] ?? '');
  const previous = isRecord(crd['status']) ? crd['status'] : {};
  const stored = Array.isArray(previous['storedVersions']) ? previous['storedVersions'].map(String) : [];
  const storage = (Array.isArray(spec['versions']) ? spec['versions'].filter(isRecord) : []).find((v) => v['storage'] === true);
  const storageName = String(storage?.['name'] ?? '');
  const priorConditions = Array.isArray(previous['conditions']) ? previous['conditions'] : [];
  const since = (type: string): string => {
    const prior = priorConditions.filter(isRecord).find((c) => c['type'] === type && c['status'] === 'True');
    return typeof prior?.['lastTransitionTime'] === 'string' ? prior['lastTransitionTime'] : timestamp(now);
  };
  return {
    acceptedNames: { listKind: `${kind}List`, singular: kind.toLowerCase(), ...names },
    conditions: [
      { type: 'NamesAccepted', status: 'True', lastTransitionTime: since('NamesAccepted'), reason: 'NoConflicts', message: 'no conflicts found' },
      { type: 'Established', status: 'True', lastTransitionTime: since('Established'), reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' },
    ],
    storedVersions: stored.includes(storageName) || storageName === '' ? stored : [...stored, storageName],
  };
}

/**
 * After a committed CRD write: (re)register its served versions and set its status. After a delete: unregister
 * and drop every custom resource of it.
 */
export function syncCrd(ctx: OpsContext, crd: KubeObject, deleted: boolean): KubeObject {
  const name = crd.metadata.name ?? '';
  if (deleted) {
    ctx.registry.removeCrd(name);
    const spec = isRecord(crd['spec']) ? crd['spec'] : {};
    const names = isRecord(spec['names']) ? spec['names'] : {};
    ctx.store.dropResource(`${String(spec['group'] ?? '')}/${String(names['plural'] ?? '')}`);
    return crd;
  }
  ctx.registry.defineCrd(crd);
  const status = crdStatus(crd, ctx.now());
  if (deepEqual(status, crd['status'])) return crd;
  return ctx.store.put(CRD_STORAGE_KEY, { ...crd, status });
}
