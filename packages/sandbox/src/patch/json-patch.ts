/**
 * RFC 6902 JSON patch with the semantics and error texts of the json-patch library the API server uses
 * (evanphx/json-patch v4): `add` inserts (`-` appends), `remove`, `replace` (on an object it also sets a missing
 * key), `move`, `copy`, `test` (deep equality); negative array indices count from the end; ops run in order on a
 * copy, and the first failing op aborts the patch (the input is never mutated). Only `replace` and `test` accept
 * the whole-document pointer `""` (as in that library; RFC 6902 would also allow `add`).
 * parity: evanphx/json-patch patch.go (messages), kubernetes apiserver handlers/patch.go (422 wrapping)
 */
import { JSON_PATCH_STATUS_MESSAGE, PatchError } from './errors.js';
import { parseJsonPointer } from './json-pointer.js';
import { cloneJson, isJsonObject, jsonEqual } from './json-value.js';

type Container = Record<string, unknown> | unknown[];
interface Op {
  op: string;
  path?: string;
  from?: string;
  value?: unknown;
  hasValue: boolean;
}

const MAX_OPERATIONS = 10_000;

/** Failure while applying an op → 422 Invalid with the generic API-server message. */
function applyFailure(message: string): PatchError {
  return new PatchError(message, { code: 422, reason: 'Invalid', statusMessage: JSON_PATCH_STATUS_MESSAGE });
}

/** Go's strconv.Atoi: optional sign then decimal digits. */
function parseIndex(key: string): number | undefined {
  return /^[+-]?\d+$/.test(key) ? Number.parseInt(key, 10) : undefined;
}

function atoiError(key: string): string {
  return `strconv.Atoi: parsing ${JSON.stringify(key)}: invalid syntax`;
}

function invalidIndex(idx: number): string {
  return `Unable to access invalid index: ${idx}: invalid index referenced`;
}

/** Resolves an existing array index (negative counts from the end); a message on failure. */
function resolveIndex(arr: unknown[], key: string): number | string {
  const idx = parseIndex(key);
  if (idx === undefined) return atoiError(key);
  const real = idx < 0 ? idx + arr.length : idx;
  return real < 0 || real >= arr.length ? invalidIndex(idx) : real;
}

function getChild(c: Container, key: string): unknown {
  if (Array.isArray(c)) {
    const idx = resolveIndex(c, key);
    return typeof idx === 'number' ? c[idx] : undefined;
  }
  return Object.hasOwn(c, key) ? c[key] : undefined;
}

/** The container holding the pointer's last token, or undefined when an intermediate is missing. */
function findParent(root: Container, pointer: string): { parent: Container; key: string } | undefined {
  const tokens = parseJsonPointer(pointer);
  if (tokens === undefined || tokens.length === 0) return undefined;
  let cur: Container = root;
  for (const token of tokens.slice(0, -1)) {
    const next = getChild(cur, token);
    if (!Array.isArray(next) && !isJsonObject(next)) return undefined;
    cur = next;
  }
  return { parent: cur, key: tokens[tokens.length - 1] ?? '' };
}

/** Inserts into a container; returns an error message or undefined. */
function insert(c: Container, key: string, value: unknown): string | undefined {
  if (!Array.isArray(c)) {
    c[key] = value;
    return undefined;
  }
  if (key === '-') {
    c.push(value);
    return undefined;
  }
  const idx = parseIndex(key);
  if (idx === undefined) return `value was not a proper array index: '${key}': ${atoiError(key)}`;
  const real = idx < 0 ? idx + c.length + 1 : idx;
  if (idx > c.length || real < 0) return invalidIndex(idx);
  c.splice(real, 0, value);
  return undefined;
}

/** Removes from a container; returns an error message or undefined. */
function removeChild(c: Container, key: string): string | undefined {
  if (!Array.isArray(c)) {
    if (!Object.hasOwn(c, key)) return `Unable to remove nonexistent key: ${key}: missing value`;
    delete c[key];
    return undefined;
  }
  const idx = resolveIndex(c, key);
  if (typeof idx === 'string') return idx;
  c.splice(idx, 1);
  return undefined;
}

function decodeOps(ops: unknown): Op[] {
  if (!Array.isArray(ops)) {
    throw new PatchError('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  }
  if (ops.length > MAX_OPERATIONS) {
    throw new PatchError(`The allowed maximum operations in a JSON patch is ${MAX_OPERATIONS}, got ${ops.length}`, {
      code: 413,
      reason: 'RequestEntityTooLarge',
    });
  }
  return ops.map((raw): Op => {
    if (!isJsonObject(raw)) throw new PatchError('json: cannot unmarshal into Go value of type jsonpatch.Operation');
    const str = (k: string): string | undefined => (typeof raw[k] === 'string' ? (raw[k] as string) : undefined);
    return { op: str('op') ?? 'unknown', path: str('path'), from: str('from'), value: raw.value, hasValue: 'value' in raw };
  });
}

type Doc = { root: Container };

function opAdd(doc: Doc, op: Op): void {
  const path = op.path;
  if (path === undefined) throw applyFailure('add operation failed to decode path: missing value');
  const found = findParent(doc.root, path);
  if (!found) throw applyFailure(`add operation does not apply: doc is missing path: "${path}": missing value`);
  const err = insert(found.parent, found.key, cloneJson(op.value));
  if (err) throw applyFailure(`error in add for path: '${path}': ${err}`);
}

function opRemove(doc: Doc, op: Op): void {
  const path = op.path;
  if (path === undefined) throw applyFailure('remove operation failed to decode path: missing value');
  const found = findParent(doc.root, path);
  if (!found) throw applyFailure(`remove operation does not apply: doc is missing path: "${path}": missing value`);
  const err = removeChild(found.parent, found.key);
  if (err) throw applyFailure(`error in remove for path: '${path}': ${err}`);
}

function opReplace(doc: Doc, op: Op): void {
  const path = op.path;
  if (path === undefined) throw applyFailure('replace operation failed to decode path: missing value');
  if (path === '') {
    if (!Array.isArray(op.value) && !isJsonObject(op.value)) {
      throw applyFailure('replace operation value must be object or array: <nil>');
    }
    doc.root = cloneJson(op.value);
    return;
  }
  const found = findParent(doc.root, path);
  if (!found) throw applyFailure(`replace operation does not apply: doc is missing path: ${path}: missing value`);
  const { parent, key } = found;
  if (Array.isArray(parent)) {
    const idx = resolveIndex(parent, key);
    if (typeof idx === 'string') throw applyFailure(`replace operation does not apply: doc is missing key: ${path}: missing value`);
    parent[idx] = cloneJson(op.value);
  } else {
    parent[key] = cloneJson(op.value);
  }
}

function opMove(doc: Doc, op: Op): void {
  const from = op.from;
  if (from === undefined) throw applyFailure('move operation failed to decode from: operation, missing from field: missing value');
  const src = findParent(doc.root, from);
  if (!src) throw applyFailure(`move operation does not apply: doc is missing from path: ${from}: missing value`);
  const value = getChild(src.parent, src.key);
  const rmErr = removeChild(src.parent, src.key);
  if (rmErr) throw applyFailure(`error in move for path: '${src.key}': ${rmErr}`);
  const path = op.path;
  if (path === undefined) throw applyFailure('move operation failed to decode path: operation missing path field: missing value');
  const dst = findParent(doc.root, path);
  if (!dst) throw applyFailure(`move operation does not apply: doc is missing destination path: ${path}: missing value`);
  const err = insert(dst.parent, dst.key, value);
  if (err) throw applyFailure(`error in move for path: '${path}': ${err}`);
}

function opCopy(doc: Doc, op: Op): void {
  const from = op.from;
  if (from === undefined) throw applyFailure('copy operation failed to decode from: operation, missing from field: missing value');
  const src = findParent(doc.root, from);
  if (!src) throw applyFailure(`copy operation does not apply: doc is missing from path: ${from}: missing value`);
  if (Array.isArray(src.parent)) {
    const idx = resolveIndex(src.parent, src.key);
    if (typeof idx === 'string') throw applyFailure(`error in copy for from: '${from}': ${idx}`);
  }
  const value = cloneJson(getChild(src.parent, src.key));
  const path = op.path;
  if (path === undefined) throw applyFailure('copy operation failed to decode path: missing value');
  const dst = findParent(doc.root, path);
  if (!dst) throw applyFailure(`copy operation does not apply: doc is missing destination path: ${path}: missing value`);
  const err = insert(dst.parent, dst.key, value);
  if (err) throw applyFailure(`error while adding value during copy: ${err}`);
}

function opTest(doc: Doc, op: Op): void {
  const path = op.path;
  if (path === undefined) throw applyFailure('test operation failed to decode path: operation missing path field: missing value');
  const failed = applyFailure(`testing value ${path} failed: test failed`);
  if (path === '') {
    if (!jsonEqual(doc.root, op.value)) throw failed;
    return;
  }
  const found = findParent(doc.root, path);
  if (!found) throw applyFailure(`test operation does not apply: is missing path: ${path}: missing value`);
  if (Array.isArray(found.parent)) {
    const idx = resolveIndex(found.parent, found.key);
    if (typeof idx === 'string') throw applyFailure(`error in test for path: '${path}': ${idx}`);
  }
  const actual = getChild(found.parent, found.key);
  if (actual === undefined || actual === null) {
    if (op.value === undefined || op.value === null) return;
    throw failed;
  }
  if (!jsonEqual(actual, op.value)) throw failed;
}

const OPS: Record<string, (doc: Doc, op: Op) => void> = {
  add: opAdd,
  remove: opRemove,
  replace: opReplace,
  move: opMove,
  copy: opCopy,
  test: opTest,
};

/**
 * Applies an RFC 6902 patch (`ops`, the decoded JSON array) to `doc` and returns the patched copy.
 * Throws `PatchError`: 400 when `ops` is not a patch document, 422 (`Invalid`, statusMessage
 * `JSON_PATCH_STATUS_MESSAGE`) when an op does not apply.
 */
export function applyJsonPatch(doc: unknown, ops: unknown): unknown {
  const decoded = decodeOps(ops);
  const state: Doc = { root: cloneJson(doc) as Container };
  for (const op of decoded) {
    const run = OPS[op.op];
    if (!run) throw applyFailure(`Unexpected kind: ${op.op}`);
    run(state, op);
  }
  return state.root;
}
