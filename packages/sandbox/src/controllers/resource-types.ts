import type { Registry } from '../registry.js';
import type { ResourceType } from '../types.js';

/** Store bucket (`group/plural`) → a served type, refreshed when the registry changes (CRDs come and go). */
export class TypeByBucket {
  readonly #registry: Registry;
  #revision = -1;
  #byBucket = new Map<string, ResourceType>();

  constructor(registry: Registry) {
    this.#registry = registry;
  }

  get(bucket: string): ResourceType | undefined {
    if (this.#revision !== this.#registry.revision) {
      this.#byBucket = new Map();
      for (const t of this.#registry.all()) if (!this.#byBucket.has(t.storageKey)) this.#byBucket.set(t.storageKey, t);
      this.#revision = this.#registry.revision;
    }
    return this.#byBucket.get(bucket);
  }

  /** Every bucket of a namespaced type. */
  namespacedBuckets(): string[] {
    return [...new Set(this.#registry.all().filter((t) => t.namespaced).map((t) => t.storageKey))];
  }
}
