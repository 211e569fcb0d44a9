/**
 * Merge metadata for built-in kinds: per struct, the fields whose merge behaviour differs from the default (maps
 * merge, lists replace) or that lead to such fields. Data comes from the upstream struct tags (`patchStrategy`,
 * `patchMergeKey`) and list/struct markers (`+listType`, `+listMapKey`, `+structType`, `+mapType`) via
 * generate-patch-meta.mjs.
 */
import { KIND_ROOTS, PATCH_META } from './patch-meta.generated.js';

export interface FieldPatchMeta {
  /** Struct type of the field (or of its list elements / map values) when it has interesting fields. */
  readonly type?: string;
  /** Comma-separated patch strategies: `merge`, `replace`, `retainKeys`. */
  readonly strategy?: string;
  /** Merge key for lists of objects with the `merge` strategy. */
  readonly key?: string;
  /** Server-side apply list semantics (`+listType`): `atomic`, `set` or `map`. */
  readonly listType?: string;
  /** Keys of a `map` list (`+listMapKey`), e.g. `containerPort` and `protocol`. */
  readonly listMapKeys?: readonly string[];
  /** Struct or map owned as a whole by server-side apply (`+structType=atomic`, `+mapType=atomic`). */
  readonly atomic?: boolean;
}
export type PatchMetaTable = Readonly<Record<string, Readonly<Record<string, FieldPatchMeta>>>>;

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** Group/versions whose kinds are compiled into the API server (strategic merge allowed). */
export const BUILT_IN_GROUP_VERSIONS: readonly string[] = [
  'core/v1',
  'apps/v1',
  'batch/v1',
  'coordination.k8s.io/v1',
  'autoscaling/v1',
  'autoscaling/v2',
  'events.k8s.io/v1',
  'apiextensions.k8s.io/v1',
  'policy/v1',
  'networking.k8s.io/v1',
  'rbac.authorization.k8s.io/v1',
];

function groupVersion(gvk: GroupVersionKind): string {
  return `${gvk.group === '' ? 'core' : gvk.group}/${gvk.version}`;
}

/** True for built-in kinds (the API server applies strategic merge); false for custom resources (415). */
export function supportsStrategicMerge(gvk: GroupVersionKind): boolean {
  return BUILT_IN_GROUP_VERSIONS.includes(groupVersion(gvk));
}

/** Name of the root struct for a kind; kinds without tagged fields get the generic metadata-only root. */
export function rootTypeFor(gvk: GroupVersionKind): string {
  return KIND_ROOTS[`${groupVersion(gvk)}/${gvk.kind}`] ?? GENERIC_ROOT;
}

const GENERIC_ROOT = '#object';
const GENERIC_META: Readonly<Record<string, FieldPatchMeta>> = { metadata: { type: 'meta.ObjectMeta' } };

/** Field metadata inside struct `type` (undefined type = untyped subtree: default behaviour). */
export function lookupField(type: string | undefined, field: string): FieldPatchMeta {
  if (type === undefined) return {};
  const fields = type === GENERIC_ROOT ? GENERIC_META : PATCH_META[type];
  return fields?.[field] ?? {};
}

/** Splits `merge,retainKeys` into the list strategy and whether retainKeys is declared. */
export function parseStrategy(strategy: string | undefined): { strategy: string; retainKeys: boolean } {
  const parts = (strategy ?? '').split(',').filter((s) => s !== '');
  return { strategy: parts.find((s) => s !== 'retainKeys') ?? '', retainKeys: parts.includes('retainKeys') };
}
