// Lint's strict decoding. Upstream decodes every document into an Unstructured (any fields), then strictly into
// the Go type of the kinds it validates: Rollout, core Service and Ingress. The decoder walks the JSON that the
// YAML was converted to — keys sorted — and reports the first field its struct lacks or the first value of the
// wrong JSON kind (Serin checks the structs down to the canary steps and their string/int32/bool fields).
// parity: argo-rollouts cmd/lint/lint.go (yaml.UnmarshalStrict, DisallowUnknownFields)
import type { KubeObject } from '../kube/cluster.js';
import { groupVersion, isLintIngress, isLintService } from './lint-references.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A Go type as the decoder sees it: scalars Serin checks, structs (closed field sets), slices, or anything. */
type GoType =
  | { readonly kind: 'int32' | 'string' | 'bool'; readonly name: string }
  | { readonly kind: 'any' }
  | { readonly kind: 'struct'; readonly name: string; readonly struct: string; readonly fields: ReadonlyMap<string, Field> }
  | { readonly kind: 'slice'; readonly name: string; readonly elem: GoType }
  | { readonly kind: 'map'; readonly name: string; readonly elem: GoType };

interface Field {
  readonly json: string;
  readonly type: GoType;
}

const unchecked: GoType = { kind: 'any' };
const int32: GoType = { kind: 'int32', name: 'int32' };
const str: GoType = { kind: 'string', name: 'string' };
const bool: GoType = { kind: 'bool', name: 'bool' };
/** map[string]string (labels, annotations, matchLabels): a value of another kind is reported at the map's path. */
const stringMap: GoType = { kind: 'map', name: 'map[string]string', elem: str };

/**
 * A struct from its JSON field names (looked up lower-cased: Go's decoder also takes a case-insensitive match) and
 * the types of the fields Serin checks; `pkg.Name` is how Go prints the type.
 */
function struct(name: string, fields: string, types: Readonly<Record<string, GoType>> = {}): GoType {
  const map = new Map<string, Field>(fields.split(' ').map((f) => [f.toLowerCase(), { json: f, type: types[f] ?? unchecked }]));
  return { kind: 'struct', name, struct: name.slice(name.indexOf('.') + 1), fields: map };
}

/** metav1.ObjectMeta */
const objectMeta = struct(
  'v1.ObjectMeta',
  'name generateName namespace selfLink uid resourceVersion generation creationTimestamp deletionTimestamp deletionGracePeriodSeconds labels annotations ownerReferences finalizers managedFields',
  { name: str, generateName: str, namespace: str, selfLink: str, uid: { kind: 'string', name: 'types.UID' }, resourceVersion: str, labels: stringMap, annotations: stringMap },
);

/** v1alpha1.CanaryStep, CanaryStrategy, BlueGreenStrategy, RolloutStrategy, RolloutSpec (pkg/apis/rollouts/v1alpha1/types.go). */
const canaryStep = struct('v1alpha1.CanaryStep', 'setWeight pause experiment analysis setCanaryScale setHeaderRoute setMirrorRoute plugin', { setWeight: int32 });
const canaryStrategy = struct(
  'v1alpha1.CanaryStrategy',
  'canaryService stableService steps trafficRouting maxUnavailable maxSurge analysis antiAffinity canaryMetadata stableMetadata scaleDownDelaySeconds scaleDownDelayRevisionLimit abortScaleDownDelaySeconds dynamicStableScale pingPong minPodsPerReplicaSet replicaProgressThreshold',
  {
    canaryService: str,
    stableService: str,
    steps: { kind: 'slice', name: '[]v1alpha1.CanaryStep', elem: canaryStep },
    scaleDownDelaySeconds: int32,
    scaleDownDelayRevisionLimit: int32,
    abortScaleDownDelaySeconds: int32,
    dynamicStableScale: bool,
    minPodsPerReplicaSet: int32,
  },
);
const blueGreenStrategy = struct(
  'v1alpha1.BlueGreenStrategy',
  'activeService previewService previewReplicaCount autoPromotionEnabled autoPromotionSeconds maxUnavailable scaleDownDelaySeconds scaleDownDelayRevisionLimit prePromotionAnalysis antiAffinity postPromotionAnalysis previewMetadata activeMetadata abortScaleDownDelaySeconds',
  { activeService: str, previewService: str, previewReplicaCount: int32, autoPromotionEnabled: bool, autoPromotionSeconds: int32, scaleDownDelaySeconds: int32, scaleDownDelayRevisionLimit: int32, abortScaleDownDelaySeconds: int32 },
);
const rolloutSpec = struct(
  'v1alpha1.RolloutSpec',
  'replicas selector template workloadRef minReadySeconds rollbackWindow strategy revisionHistoryLimit paused progressDeadlineSeconds progressDeadlineAbort restartAt analysis',
  {
    replicas: int32,
    selector: struct('v1.LabelSelector', 'matchLabels matchExpressions', { matchLabels: stringMap }),
    minReadySeconds: int32,
    revisionHistoryLimit: int32,
    progressDeadlineSeconds: int32,
    paused: bool,
    progressDeadlineAbort: bool,
    template: struct('v1.PodTemplateSpec', 'metadata spec', { metadata: objectMeta }),
    strategy: struct('v1alpha1.RolloutStrategy', 'blueGreen canary', { canary: canaryStrategy, blueGreen: blueGreenStrategy }),
  },
);

const topLevel = (name: string, spec: GoType) => struct(name, 'apiVersion kind metadata spec status', { apiVersion: str, kind: str, metadata: objectMeta, spec });
const rollout = topLevel('v1alpha1.Rollout', rolloutSpec);
/** core/v1 Service and networking Ingress: top level and metadata. */
const service = topLevel('v1.Service', unchecked);
const ingress = topLevel('v1.Ingress', unchecked);

const jsonKind = (v: unknown) => (typeof v === 'string' ? 'string' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'bool' : Array.isArray(v) ? 'array' : 'object');

interface Context {
  readonly struct: string;
  readonly path: readonly string[];
}

/**
 * The decoder's first error, depth first over keys in byte order (the order of the JSON it reads):
 * `json: unknown field "<key>"`, or `json: cannot unmarshal <kind> into Go struct field <Struct>.<json path> of type
 * <type>` (an integer field names the number: `number 1.5`). `null` fits every type.
 */
function firstError(value: unknown, type: GoType, ctx: Context | undefined): string | undefined {
  if (value === null || value === undefined || type.kind === 'any') return undefined;
  const mismatch = (what: string) => `json: cannot unmarshal ${what} into Go struct field ${ctx?.struct ?? ''}.${ctx?.path.join('.') ?? ''} of type ${type.name}`;
  switch (type.kind) {
    case 'string':
      return typeof value === 'string' ? undefined : mismatch(jsonKind(value));
    case 'bool':
      return typeof value === 'boolean' ? undefined : mismatch(jsonKind(value));
    case 'int32':
      if (typeof value !== 'number') return mismatch(jsonKind(value));
      return Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31 ? undefined : mismatch(`number ${String(value)}`);
    case 'map': {
      if (!isRecord(value)) return mismatch(jsonKind(value));
      for (const key of Object.keys(value).sort()) {
        const e = firstError(value[key], type.elem, ctx);
        if (e !== undefined) return e;
      }
      return undefined;
    }
    case 'slice': {
      if (!Array.isArray(value)) return mismatch(jsonKind(value));
      for (const el of value) {
        const e = firstError(el, type.elem, ctx);
        if (e !== undefined) return e;
      }
      return undefined;
    }
    case 'struct': {
      if (!isRecord(value)) return mismatch(jsonKind(value));
      for (const key of Object.keys(value).sort()) {
        const field = type.fields.get(key.toLowerCase());
        if (field === undefined) return `json: unknown field "${key}"`;
        const e = firstError(value[key], field.type, { struct: type.struct, path: [...(ctx?.path ?? []), field.json] });
        if (e !== undefined) return e;
      }
      return undefined;
    }
  }
}

/** The Go type lint strictly decodes a document into, if any. */
function strictType(obj: KubeObject): GoType | undefined {
  if (obj.kind === 'Rollout' && groupVersion(obj.apiVersion).group === 'argoproj.io') return rollout;
  if (isLintService(obj)) return service;
  if (isLintIngress(obj)) return ingress;
  return undefined;
}

/** The strict decoder's first error for a document of a validated kind; other kinds accept anything. */
export function unknownFieldError(obj: KubeObject): string | undefined {
  const t = strictType(obj);
  const error = t === undefined ? undefined : firstError(obj, t, undefined);
  return error === undefined ? undefined : `error unmarshaling JSON: while decoding JSON: ${error}`;
}

/** Go `json.Marshal` of decoded YAML: keys sorted, compact, `<`, `>`, `&` escaped as `\u003c`, `\u003e`, `\u0026`. */
export function goJson(v: unknown): string {
  const sortKeys = (x: unknown): unknown =>
    Array.isArray(x) ? x.map(sortKeys) : isRecord(x) ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, sortKeys(x[k])])) : x;
  return JSON.stringify(sortKeys(v)).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

const goJsonType = (v: unknown) => (typeof v === 'string' ? 'string' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'bool' : 'array');

/**
 * Every non-empty document first decodes into an Unstructured: a non-object fails as Go's json does, an object
 * without a (string, non-empty) `kind` with apimachinery's missing-kind error quoting the document's JSON.
 */
export function unstructuredError(doc: unknown): string | undefined {
  const prefix = 'error unmarshaling JSON: while decoding JSON: ';
  if (!isRecord(doc)) return `${prefix}json: cannot unmarshal ${goJsonType(doc)} into Go value of type map[string]interface {}`;
  const kind = doc['kind'];
  if (typeof kind === 'string' && kind !== '') return undefined;
  return `${prefix}Object 'Kind' is missing in '${goJson(doc)}'`;
}
