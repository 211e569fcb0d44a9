export { decodeKubernetesProtobuf, messageFor, PROTOBUF_MAGIC } from './envelope.js';
export { ProtobufError } from './wire.js';
