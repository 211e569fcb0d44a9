// Lint's strict decoding. Upstream decodes every document into an Unstructured (any fields), then strictly into
// the Go type of the kinds it validates: Rollout, core Service and Ingress. The decoder walks the JSON that the
// YAML was converted to — keys sorted — and reports the first field its struct lacks.
// parity: argo-rollouts cmd/lint/lint.go (yaml.UnmarshalStrict, DisallowUnknownFields)
import type { KubeObject } from '../kube/cluster.js';
import { groupVersion, isLintIngress, isLintService } from './lint-references.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A closed object: its JSON field names (lower-cased: Go's decoder also accepts a case-insensitive match), and the
 * shapes of the fields Serin also checks inside.
 */
interface Shape {
  readonly fields: ReadonlySet<string>;
  readonly inner?: Readonly<Record<string, Shape>>;
  /** Shape of each element of these array fields. */
  readonly items?: Readonly<Record<string, Shape>>;
}

const shape = (fields: string, inner?: Record<string, Shape>, items?: Record<string, Shape>): Shape => ({
  fields: new Set(fields.toLowerCase().split(' ')),
  ...(inner !== undefined ? { inner } : {}),
  ...(items !== undefined ? { items } : {}),
});

/** metav1.ObjectMeta */
const objectMeta = shape(
  'name generateName namespace selfLink uid resourceVersion generation creationTimestamp deletionTimestamp deletionGracePeriodSeconds labels annotations ownerReferences finalizers managedFields',
);

/** v1alpha1.CanaryStep, CanaryStrategy, BlueGreenStrategy, RolloutStrategy, RolloutSpec (pkg/apis/rollouts/v1alpha1/types.go). */
const canaryStep = shape('setWeight pause experiment analysis setCanaryScale setHeaderRoute setMirrorRoute plugin');
const canaryStrategy = shape(
  'canaryService stableService steps trafficRouting maxUnavailable maxSurge analysis antiAffinity canaryMetadata stableMetadata scaleDownDelaySeconds scaleDownDelayRevisionLimit abortScaleDownDelaySeconds dynamicStableScale pingPong minPodsPerReplicaSet replicaProgressThreshold',
  undefined,
  { steps: canaryStep },
);
const blueGreenStrategy = shape(
  'activeService previewService previewReplicaCount autoPromotionEnabled autoPromotionSeconds maxUnavailable scaleDownDelaySeconds scaleDownDelayRevisionLimit prePromotionAnalysis antiAffinity postPromotionAnalysis previewMetadata activeMetadata abortScaleDownDelaySeconds',
);
const rolloutSpec = shape(
  'replicas selector template workloadRef minReadySeconds rollbackWindow strategy revisionHistoryLimit paused progressDeadlineSeconds progressDeadlineAbort restartAt analysis',
  { strategy: shape('blueGreen canary', { canary: canaryStrategy, blueGreen: blueGreenStrategy }), template: shape('metadata spec', { metadata: objectMeta }) },
);

const rollout = shape('apiVersion kind metadata spec status', { metadata: objectMeta, spec: rolloutSpec });
/** core/v1 Service and networking Ingress: top level and metadata. */
const serviceOrIngress = shape('apiVersion kind metadata spec status', { metadata: objectMeta });

/** First unknown field, depth first over keys in byte order (the order of the JSON the decoder reads). */
function firstUnknown(value: unknown, s: Shape): string | undefined {
  if (!isRecord(value)) return undefined;
  for (const key of Object.keys(value).sort()) {
    if (!s.fields.has(key.toLowerCase())) return key;
    const inner = s.inner?.[key];
    const found = inner !== undefined ? firstUnknown(value[key], inner) : undefined;
    if (found !== undefined) return found;
    const item = s.items?.[key];
    const list = value[key];
    if (item !== undefined && Array.isArray(list)) {
      for (const el of list) {
        const f = firstUnknown(el, item);
        if (f !== undefined) return f;
      }
    }
  }
  return undefined;
}

/** The shape lint strictly decodes a document into, if any. */
function strictShape(obj: KubeObject): Shape | undefined {
  if (obj.kind === 'Rollout' && groupVersion(obj.apiVersion).group === 'argoproj.io') return rollout;
  if (isLintService(obj) || isLintIngress(obj)) return serviceOrIngress;
  return undefined;
}

/** The decoder's error for the first unknown field of a strictly decoded document; other kinds accept anything. */
export function unknownFieldError(obj: KubeObject): string | undefined {
  const s = strictShape(obj);
  const field = s === undefined ? undefined : firstUnknown(obj, s);
  return field === undefined ? undefined : `error unmarshaling JSON: while decoding JSON: json: unknown field "${field}"`;
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
