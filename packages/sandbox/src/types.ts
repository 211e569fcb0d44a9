/** Shapes shared by the sandbox modules. Objects are plain JSON; the store never hands out mutable copies. */

export type JsonObject = Record<string, unknown>;

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: JsonObject[];
  managedFields?: JsonObject[];
  [key: string]: unknown;
}

/** A Kubernetes object as stored: always has metadata with name, uid and resourceVersion once persisted. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** CRD `subresources.scale`: JSON paths (leading dot) into the custom resource. */
export interface ScalePaths {
  specReplicasPath: string;
  statusReplicasPath: string;
  labelSelectorPath?: string;
}

export interface PrinterColumn {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority?: number;
  jsonPath: string;
}

/** One served group/version/resource. Versions of the same group+plural share storage (`storageKey`). */
export interface ResourceType {
  group: string;
  version: string;
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  /** Has a `/status` subresource: status is written only through it. */
  statusSubresource: boolean;
  scale?: ScalePaths;
  /** Set for custom resources (served from a CRD). */
  crd?: {
    name: string;
    schema: unknown;
    printerColumns: PrinterColumn[];
    /** `selectableFields` of the version (`[{jsonPath: ".spec.color"}]`). */
    selectableFields?: unknown[];
  };
  /** `group/plural`: the store bucket shared by every version of this resource. */
  storageKey: string;
}

export function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function apiVersionOf(t: Pick<ResourceType, 'group' | 'version'>): string {
  return t.group === '' ? t.version : `${t.group}/${t.version}`;
}

/** `rollouts.argoproj.io`, or just `pods` for the core group — the prefix upstream puts in error messages. */
export function qualifiedResource(t: Pick<ResourceType, 'group' | 'plural'>): string {
  return t.group === '' ? t.plural : `${t.plural}.${t.group}`;
}
