/**
 * `application/vnd.kubernetes.protobuf` bodies: the 4-byte magic `k8s\0`, then a runtime.Unknown message
 * (1: typeMeta {1: apiVersion, 2: kind}, 2: raw — the object's own message, 3: contentEncoding,
 * 4: contentType). The object message is decoded by kind and returned as the JSON the server would store.
 * parity: apimachinery pkg/runtime/serializer/protobuf/protobuf.go (envelope layout)
 */
import { decodeMessage } from './decode.js';
import { MESSAGES } from './descriptors.generated.js';
import { decodeString, ProtobufError, readFields } from './wire.js';

export const PROTOBUF_MAGIC = new Uint8Array([0x6b, 0x38, 0x73, 0x00]);

/** apiVersion → descriptor namespace. */
const API_VERSIONS: Readonly<Record<string, string>> = {
  v1: 'core',
  'apps/v1': 'apps',
  'batch/v1': 'batch',
  'policy/v1': 'policy',
  'networking.k8s.io/v1': 'networking',
  'rbac.authorization.k8s.io/v1': 'rbac',
  'autoscaling/v1': 'autoscaling',
  'autoscaling/v2': 'autoscalingv2',
};

/** Message name for an apiVersion/kind, or undefined when the sandbox cannot decode it. */
export function messageFor(apiVersion: string, kind: string): string | undefined {
  const ns = API_VERSIONS[apiVersion];
  if (ns === undefined) return undefined;
  const name = `${ns}.${kind}`;
  return MESSAGES[name] ? name : undefined;
}

/** Decodes a Kubernetes protobuf request body into `{apiVersion, kind, metadata, …}`. Throws ProtobufError. */
export function decodeKubernetesProtobuf(body: Uint8Array): Record<string, unknown> {
  if (body.length < 4 || !PROTOBUF_MAGIC.every((b, i) => body[i] === b)) {
    throw new ProtobufError('provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]');
  }
  const unknown = readFields(body.subarray(4));
  const typeMeta = readFields(unknown.find((f) => f.no === 1)?.bytes ?? new Uint8Array());
  const apiVersion = decodeString(typeMeta.find((f) => f.no === 1)?.bytes ?? new Uint8Array());
  const kind = decodeString(typeMeta.find((f) => f.no === 2)?.bytes ?? new Uint8Array());
  const raw = unknown.find((f) => f.no === 2)?.bytes ?? new Uint8Array();
  const encoding = decodeString(unknown.find((f) => f.no === 3)?.bytes ?? new Uint8Array());
  if (encoding !== '') throw new ProtobufError(`unsupported protobuf content encoding ${JSON.stringify(encoding)}`);
  const message = messageFor(apiVersion, kind);
  if (!message) throw new ProtobufError(`no protobuf decoder for ${apiVersion}, Kind=${kind}`);
  const obj = decodeMessage(message, raw) as Record<string, unknown>;
  return { apiVersion, kind, ...obj };
}
