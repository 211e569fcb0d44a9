// Adapter over the pure modules written alongside the sandbox (patch engines, protobuf decoder, CRD schema
// validation). Namespace imports keep the server loadable while a module is still being written: a missing
// function then fails only the request that needs it (500), not the whole process.
import * as patchModule from './patch/index.js';
import * as protobufModule from './protobuf/index.js';
import * as schemaModule from './schema/index.js';
import type { GroupVersionKind, JsonObject } from './types.js';

export interface SchemaCause {
  reason: string;
  message: string;
  field: string;
}

export interface SchemaResult {
  object: unknown;
  causes: SchemaCause[];
  unknownFields: string[];
}

export interface ApplyConflict {
  field: string;
  manager: string;
  /** e.g. `conflict with "kubectl-patch"` */
  message: string;
}

export interface ServerSideApplyResult {
  object: JsonObject;
  conflicts: ApplyConflict[];
}

interface PatchApi {
  applyJsonPatch(doc: unknown, ops: unknown): unknown;
  applyMergePatch(doc: unknown, patch: unknown): unknown;
  applyStrategicMergePatch(doc: unknown, patch: unknown, gvk: GroupVersionKind): unknown;
  applyServerSide(current: JsonObject | undefined, applied: JsonObject, opts: { manager: string; force: boolean; now: string }): ServerSideApplyResult;
  recordUpdateManager(before: JsonObject | undefined, after: JsonObject, manager: string, now: string, opts?: { subresource?: string }): JsonObject;
  applyConflictMessage(conflicts: readonly ApplyConflict[]): string;
}

interface SchemaApi {
  /** False while the schema module is not written yet: custom resources are then stored unvalidated. */
  available(): boolean;
  validateCustomResource(obj: unknown, schema: unknown, opts: { strict: boolean }): SchemaResult;
}

interface ProtobufApi {
  decodeKubernetesProtobuf(body: Uint8Array): JsonObject;
}

function member<F>(mod: object, name: string): F {
  const fn: unknown = (mod as Record<string, unknown>)[name];
  if (typeof fn !== 'function') throw new Error(`${name} is not available yet`);
  return fn as F;
}

export const patches: PatchApi = {
  applyJsonPatch: (doc, ops) => member<PatchApi['applyJsonPatch']>(patchModule, 'applyJsonPatch')(doc, ops),
  applyMergePatch: (doc, patch) => member<PatchApi['applyMergePatch']>(patchModule, 'applyMergePatch')(doc, patch),
  applyStrategicMergePatch: (doc, patch, gvk) =>
    member<PatchApi['applyStrategicMergePatch']>(patchModule, 'applyStrategicMergePatch')(doc, patch, gvk),
  applyServerSide: (current, applied, opts) => member<PatchApi['applyServerSide']>(patchModule, 'applyServerSide')(current, applied, opts),
  recordUpdateManager: (before, after, manager, now, opts) =>
    member<PatchApi['recordUpdateManager']>(patchModule, 'recordUpdateManager')(before, after, manager, now, opts),
  applyConflictMessage: (conflicts) => member<PatchApi['applyConflictMessage']>(patchModule, 'applyConflictMessage')(conflicts),
};

/** True for errors the patch engines throw for a bad patch (`PatchError`), as opposed to bugs. */
export function isPatchError(err: unknown): err is Error {
  return err instanceof Error && (err.name === 'PatchError' || err.constructor.name === 'PatchError');
}

export const schemas: SchemaApi = {
  available: () => typeof (schemaModule as Record<string, unknown>)['validateCustomResource'] === 'function',
  validateCustomResource: (obj, schema, opts) => member<SchemaApi['validateCustomResource']>(schemaModule, 'validateCustomResource')(obj, schema, opts),
};

export const protobuf: ProtobufApi = {
  decodeKubernetesProtobuf: (body) => member<ProtobufApi['decodeKubernetesProtobuf']>(protobufModule, 'decodeKubernetesProtobuf')(body),
};
