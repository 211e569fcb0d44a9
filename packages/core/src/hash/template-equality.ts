// Semantic pod-template equality: the fallback that recognises a ReplicaSet whose hash label came from
// another hash implementation. parity: argo-rollouts utils/replicaset/replicaset.go FindNewReplicaSet (3rd pass),
// PodTemplateEqualIgnoreHash, RemoveInjectedAntiAffinityRule; utils/replicaset/canary.go SyncEphemeralPodMetadata;
// k8s.io/apimachinery pkg/api/equality Semantic.DeepEqual.
//
// equal(rsTemplate, desired) ⇔ GoValue(strip(rsTemplate)) ≡ GoValue(defaults(desired) − hash label − serviceAccount)
// where strip removes the hash label, the ephemeral labels/annotations recorded in the RS annotation, the injected
// anti-affinity term and spec.serviceAccount, and ≡ is Go semantic deep equality: fields compared in their Go
// decoded form (absent = zero value), nil and empty slices/maps equal, quantities by numeric value, times to the second.
import { LABEL } from '@serin/api';
import { goRawJson } from './go-json-text.js';
import { GO_STRUCTS } from './go-types.generated.js';
import { GO_ROOT } from './go-types.js';
import type { GoStructTable } from './go-types.js';
import { applyPodTemplateDefaults } from './pod-defaults.js';
import { quantityValueKey } from './quantity.js';

const POD_TEMPLATE_HASH_LABEL = LABEL.PodTemplateHash;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The rollout's anti-affinity strategy (`strategy.canary.antiAffinity` or `strategy.blueGreen.antiAffinity`). */
export interface AntiAffinityStrategy {
  readonly preferredDuringSchedulingIgnoredDuringExecution?: unknown;
  readonly requiredDuringSchedulingIgnoredDuringExecution?: unknown;
}

export interface TemplateEqualityContext {
  /** The ReplicaSet's `rollout.argoproj.io/ephemeral-metadata` annotation value (ANNOTATION.EphemeralMetadata), if any. */
  readonly ephemeralMetadataAnnotation?: string | undefined;
  /** The rollout's anti-affinity strategy, if any. */
  readonly antiAffinity?: AntiAffinityStrategy | null | undefined;
}

/** A JSON-comparable image of the value Go would decode `v` into, under Go semantic-equality rules. */
function goValue(v: unknown, type: string, table: GoStructTable): unknown {
  if (type.startsWith('*')) return v === null || v === undefined ? null : { ptr: goValue(v, type.slice(1), table) };
  if (type.startsWith('[]')) return Array.isArray(v) ? v.map((x: unknown) => goValue(x, type.slice(2), table)) : [];
  if (type.startsWith('map[]')) {
    if (!isObj(v)) return [];
    return Object.keys(v)
      .sort()
      .map((k) => [k, goValue(v[k], type.slice(5), table)]);
  }
  switch (type) {
    case 'string':
    case 'bytes':
    case 'duration':
      return typeof v === 'string' ? v : '';
    case 'bool':
      return v === true;
    case 'int':
    case 'float':
      return typeof v === 'number' ? v : 0;
    case 'quantity':
      return typeof v === 'string' || typeof v === 'number' ? quantityValueKey(v) : '0';
    case 'intOrString':
      return typeof v === 'string' || typeof v === 'number' ? v : 0;
    case 'time':
    case 'microTime': {
      const ms = typeof v === 'string' ? Date.parse(v) : v instanceof Date ? v.getTime() : Number.NaN;
      return Number.isNaN(ms) ? null : type === 'time' ? Math.floor(ms / 1000) : ms;
    }
    case 'rawJson':
      return v === undefined ? null : goRawJson(v);
    default: {
      const fields = table[type] ?? [];
      const o = isObj(v) ? v : {};
      return fields.map(([json, t]) => goValue(o[json], t, table));
    }
  }
}

/** Go semantic deep equality of two values of Go type `type`. */
export function goSemanticEqual(a: unknown, b: unknown, type: string, table: GoStructTable = GO_STRUCTS): boolean {
  return JSON.stringify(goValue(a, type, table)) === JSON.stringify(goValue(b, type, table));
}

function parseEphemeral(annotation: string | undefined): { labels: string[]; annotations: string[] } {
  if (annotation === undefined || annotation === '') return { labels: [], annotations: [] };
  try {
    const parsed: unknown = JSON.parse(annotation);
    const keys = (k: string): string[] => (isObj(parsed) && isObj(parsed[k]) ? Object.keys(parsed[k]) : []);
    return { labels: keys('labels'), annotations: keys('annotations') };
  } catch {
    return { labels: [], annotations: [] }; // upstream ignores an unparsable annotation
  }
}

function hasHashKey(term: unknown): boolean {
  const selector = isObj(term) ? term.labelSelector : undefined;
  const exprs = isObj(selector) ? selector.matchExpressions : undefined;
  return Array.isArray(exprs) && exprs.some((e: unknown) => isObj(e) && e.key === POD_TEMPLATE_HASH_LABEL);
}

/**
 * Removes the first anti-affinity term Argo injected (it selects on the hash label) from the list the
 * strategy uses; emptied lists, podAntiAffinity and affinity are dropped.
 * Deviation: upstream keeps an emptied `preferred` list as a non-nil podAntiAffinity, which then never equals a
 * template without affinity; Serin drops it so such ReplicaSets are still recognised.
 */
function removeInjectedAntiAffinity(spec: Obj, strategy: AntiAffinityStrategy | null | undefined): void {
  if (strategy === null || strategy === undefined) return;
  const preferred = strategy.preferredDuringSchedulingIgnoredDuringExecution;
  const required = strategy.requiredDuringSchedulingIgnoredDuringExecution;
  if ((preferred === null || preferred === undefined) && (required === null || required === undefined)) return;
  const affinity = isObj(spec.affinity) ? spec.affinity : undefined;
  const anti = affinity !== undefined && isObj(affinity.podAntiAffinity) ? affinity.podAntiAffinity : undefined;
  if (affinity === undefined || anti === undefined) return;
  const usePreferred = preferred !== null && preferred !== undefined;
  const listKey = usePreferred ? 'preferredDuringSchedulingIgnoredDuringExecution' : 'requiredDuringSchedulingIgnoredDuringExecution';
  const list = Array.isArray(anti[listKey]) ? (anti[listKey] as unknown[]) : [];
  const index = list.findIndex((t) => hasHashKey(usePreferred && isObj(t) ? t.podAffinityTerm : t));
  if (index < 0) return;
  const remaining = list.filter((_, i) => i !== index);
  if (remaining.length === 0) delete anti[listKey];
  else anti[listKey] = remaining;
  const empty = (v: unknown): boolean => v === undefined || v === null || (Array.isArray(v) && v.length === 0);
  if (empty(anti.preferredDuringSchedulingIgnoredDuringExecution) && empty(anti.requiredDuringSchedulingIgnoredDuringExecution)) {
    delete affinity.podAntiAffinity;
  }
  if (affinity.podAntiAffinity == null && affinity.podAffinity == null && affinity.nodeAffinity == null) delete spec.affinity;
}

function deleteKeys(meta: Obj, field: 'labels' | 'annotations', keys: readonly string[]): void {
  const m = meta[field];
  if (!isObj(m)) return;
  for (const k of keys) delete m[k];
}

/**
 * True when the ReplicaSet's pod template is semantically the rollout's desired template
 * (ignoring the hash label, injected ephemeral metadata and anti-affinity, API defaults and serviceAccount).
 */
export function podTemplatesSemanticallyEqual(rsTemplate: unknown, desiredTemplate: unknown, ctx: TemplateEqualityContext = {}): boolean {
  const live: Obj = isObj(rsTemplate) ? structuredClone(rsTemplate) : {};
  const liveMeta: Obj = isObj(live.metadata) ? live.metadata : {};
  live.metadata = liveMeta;
  const liveSpec: Obj = isObj(live.spec) ? live.spec : {};
  live.spec = liveSpec;
  const ephemeral = parseEphemeral(ctx.ephemeralMetadataAnnotation);
  deleteKeys(liveMeta, 'labels', ephemeral.labels);
  deleteKeys(liveMeta, 'annotations', ephemeral.annotations);
  removeInjectedAntiAffinity(liveSpec, ctx.antiAffinity);
  deleteKeys(liveMeta, 'labels', [POD_TEMPLATE_HASH_LABEL]);
  delete liveSpec.serviceAccount;

  const desired = applyPodTemplateDefaults(desiredTemplate);
  if (isObj(desired.metadata)) deleteKeys(desired.metadata, 'labels', [POD_TEMPLATE_HASH_LABEL]);
  if (isObj(desired.spec)) delete desired.spec.serviceAccount;
  return goSemanticEqual(live, desired, GO_ROOT.podTemplateSpec);
}
