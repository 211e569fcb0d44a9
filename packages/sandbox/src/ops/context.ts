import type { Registry } from '../registry.js';
import type { Store } from '../store.js';

/** What every operation needs: storage, the type registry and the clock. */
export interface OpsContext {
  store: Store;
  registry: Registry;
  now: () => Date;
}

export const FieldValidation = { Strict: 'Strict', Warn: 'Warn', Ignore: 'Ignore' } as const;
export type FieldValidation = (typeof FieldValidation)[keyof typeof FieldValidation];

/** Query options shared by writes (`dryRun=All`, `fieldManager`, `fieldValidation`). */
export interface WriteOptions {
  dryRun?: boolean;
  fieldManager?: string;
  fieldValidation?: FieldValidation;
}

/** Result of a write: the object as stored (or as it would be, for dry runs) and warnings for the client. */
export interface WriteResult {
  object: import('../types.js').KubeObject;
  created: boolean;
  warnings: string[];
}

export function timestamp(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
