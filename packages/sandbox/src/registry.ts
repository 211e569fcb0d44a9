import { ALL_VERBS, BUILTIN_GROUP_ORDER, builtinTypes } from './builtins.js';
import type { JsonObject, KubeObject, PrinterColumn, ResourceType, ScalePaths } from './types.js';
import { isRecord } from './types.js';

export interface GroupVersions {
  group: string;
  /** Preferred version first. */
  versions: { version: string; types: ResourceType[] }[];
}

/**
 * Type registry: every served group/version/resource. Built-ins are fixed; custom resources come and go with
 * their CRDs. `revision` changes on every change so discovery and OpenAPI documents can be regenerated.
 */
export class Registry {
  readonly #types = new Map<string, ResourceType>();
  /** CRD name → preferred-first versions it serves. */
  readonly #crdVersions = new Map<string, string[]>();
  #revision = 1;

  constructor() {
    for (const t of builtinTypes()) this.#types.set(typeKey(t.group, t.version, t.plural), t);
  }

  get revision(): number {
    return this.#revision;
  }

  lookup(group: string, version: string, plural: string): ResourceType | undefined {
    return this.#types.get(typeKey(group, version, plural));
  }

  /** First served type of a group/kind (any version), e.g. to resolve an ownerReference. */
  lookupKind(group: string, kind: string): ResourceType | undefined {
    for (const t of this.#types.values()) if (t.group === group && t.kind === kind) return t;
    return undefined;
  }

  all(): ResourceType[] {
    return [...this.#types.values()];
  }

  /** Groups in discovery order: built-in groups first, then custom groups alphabetically. */
  groups(): GroupVersions[] {
    const byGroup = new Map<string, Map<string, ResourceType[]>>();
    for (const t of this.#types.values()) {
      let versions = byGroup.get(t.group);
      if (versions === undefined) byGroup.set(t.group, (versions = new Map()));
      const list = versions.get(t.version) ?? [];
      list.push(t);
      versions.set(t.version, list);
    }
    const rank = (g: string): number => {
      const i = BUILTIN_GROUP_ORDER.indexOf(g);
      return i === -1 ? BUILTIN_GROUP_ORDER.length : i;
    };
    const names = [...byGroup.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    return names.map((group) => {
      const versions = byGroup.get(group) ?? new Map<string, ResourceType[]>();
      const preferred = this.#preferredOrder(group, [...versions.keys()]);
      return { group, versions: preferred.map((version) => ({ version, types: versions.get(version) ?? [] })) };
    });
  }

  /** Registers (or re-registers) every served version of a CRD. */
  defineCrd(crd: KubeObject): void {
    const name = crd.metadata.name ?? '';
    this.#dropCrdTypes(name);
    const served = parseCrd(crd);
    for (const t of served) this.#types.set(typeKey(t.group, t.version, t.plural), t);
    this.#crdVersions.set(name, served.map((t) => t.version));
    this.#revision++;
  }

  removeCrd(name: string): void {
    this.#dropCrdTypes(name);
    this.#crdVersions.delete(name);
    this.#revision++;
  }

  #dropCrdTypes(name: string): void {
    for (const [key, t] of this.#types) if (t.crd?.name === name) this.#types.delete(key);
  }

  /** CRD storage versions lead their group; other versions keep registration order. */
  #preferredOrder(group: string, versions: string[]): string[] {
    const first: string[] = [];
    for (const [crdName, order] of this.#crdVersions) {
      if (crdName.endsWith(`.${group}`)) for (const v of order) if (versions.includes(v) && !first.includes(v)) first.push(v);
    }
    return [...first, ...versions.filter((v) => !first.includes(v))];
  }
}

function typeKey(group: string, version: string, plural: string): string {
  return `${group}/${version}/${plural}`;
}

function str(v: unknown, fallback = ''): string {
  return typeof v === 'string' ? v : fallback;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/**
 * Served types of a CRD, storage version first (it is the preferred version), then the others in spec order.
 * A CRD's kind-level names apply to every version; subresources, schema and columns are per version.
 */
export function parseCrd(crd: KubeObject): ResourceType[] {
  const spec = isRecord(crd['spec']) ? crd['spec'] : {};
  const names = isRecord(spec['names']) ? spec['names'] : {};
  const group = str(spec['group']);
  const plural = str(names['plural']);
  const kind = str(names['kind']);
  const versions = (Array.isArray(spec['versions']) ? spec['versions'] : []).filter(isRecord);
  const ordered = [...versions.filter((v) => v['storage'] === true), ...versions.filter((v) => v['storage'] !== true)];
  return ordered
    .filter((v) => v['served'] !== false)
    .map((v): ResourceType => {
      const subresources = isRecord(v['subresources']) ? v['subresources'] : {};
      const schemaHolder = isRecord(v['schema']) ? v['schema'] : {};
      const t: ResourceType = {
        group,
        version: str(v['name']),
        kind,
        listKind: str(names['listKind'], `${kind}List`),
        plural,
        singular: str(names['singular'], kind.toLowerCase()),
        namespaced: spec['scope'] !== 'Cluster',
        shortNames: strings(names['shortNames']),
        categories: strings(names['categories']),
        verbs: ALL_VERBS,
        statusSubresource: subresources['status'] !== undefined,
        storageKey: `${group}/${plural}`,
        crd: {
          name: crd.metadata.name ?? '',
          schema: schemaHolder['openAPIV3Schema'],
          printerColumns: parseColumns(v['additionalPrinterColumns']),
          selectableFields: Array.isArray(v['selectableFields']) ? v['selectableFields'] : [],
        },
      };
      const scale = parseScale(subresources['scale']);
      if (scale !== undefined) t.scale = scale;
      return t;
    });
}

function parseScale(v: unknown): ScalePaths | undefined {
  if (!isRecord(v)) return undefined;
  const out: ScalePaths = { specReplicasPath: str(v['specReplicasPath']), statusReplicasPath: str(v['statusReplicasPath']) };
  if (typeof v['labelSelectorPath'] === 'string') out.labelSelectorPath = v['labelSelectorPath'];
  return out;
}

function parseColumns(v: unknown): PrinterColumn[] {
  if (!Array.isArray(v)) return [];
  return v.filter(isRecord).map((c: JsonObject): PrinterColumn => {
    const col: PrinterColumn = { name: str(c['name']), type: str(c['type'], 'string'), jsonPath: str(c['jsonPath']) };
    if (typeof c['format'] === 'string') col.format = c['format'];
    if (typeof c['description'] === 'string') col.description = c['description'];
    if (typeof c['priority'] === 'number') col.priority = c['priority'];
    return col;
  });
}
