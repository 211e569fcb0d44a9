import { badRequest } from './errors.js';
import type { FieldRequirement } from './selectors.js';
import type { ResourceType } from './types.js';
import { isRecord } from './types.js';

/**
 * Field labels each kind accepts in a field selector; every kind accepts `metadata.name` and
 * `metadata.namespace`. Anything else is a 400 `field label not supported: <label>` on a real server.
 * parity: kubernetes pkg/registry/*\/strategy.go GetAttrs / AddFieldLabelConversionFunc (label lists only)
 */
const FIELD_LABELS: Record<string, readonly string[]> = {
  '/Pod': ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.podIPs', 'status.nominatedNodeName'],
  '/Event': [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  'events.k8s.io/Event': ['regarding.kind', 'regarding.namespace', 'regarding.name', 'regarding.uid', 'reason', 'reportingController', 'type'],
  '/Secret': ['type'],
  '/Namespace': ['status.phase'],
  '/Node': ['spec.unschedulable'],
  '/Service': ['spec.clusterIP', 'spec.type'],
  'apps/ReplicaSet': ['status.replicas'],
  'batch/Job': ['status.successful'],
};

/** Field labels of a custom resource: metadata plus the CRD version's `selectableFields` JSON paths. */
function customFieldLabels(t: ResourceType): string[] {
  const schema = t.crd?.selectableFields ?? [];
  return schema.filter(isRecord).map((f) => String(f['jsonPath'] ?? '').replace(/^\./, ''));
}

export function supportedFieldLabels(t: ResourceType): string[] {
  const own = t.crd !== undefined ? customFieldLabels(t) : (FIELD_LABELS[`${t.group}/${t.kind}`] ?? []);
  return ['metadata.name', 'metadata.namespace', ...own];
}

/** Throws 400 for the first requirement on a field label the kind does not support. */
export function checkFieldLabels(t: ResourceType, fields: FieldRequirement[]): void {
  const supported = supportedFieldLabels(t);
  const bad = fields.find((f) => !supported.includes(f.path));
  if (bad !== undefined) throw badRequest(`field label not supported: ${bad.path}`);
}
