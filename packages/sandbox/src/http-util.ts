import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import type { ApiError } from './errors.js';
import { badRequest, unsupportedMediaType } from './errors.js';
import { protobuf } from './pure-modules.js';

export const JSON_CONTENT_TYPE = 'application/json';
const MAX_BODY_BYTES = 3 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw badRequest('request entity too large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** Media type without parameters, lower-cased (`application/json;charset=utf-8` → `application/json`). */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * Decodes a request body by Content-Type: JSON and the JSON patch types, YAML for server-side apply,
 * Kubernetes protobuf (`kubectl create <generator>`). Empty body → undefined.
 */
export function decodeBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  const type = mediaType(contentType);
  if (type === 'application/vnd.kubernetes.protobuf') {
    try {
      return protobuf.decodeKubernetesProtobuf(new Uint8Array(raw));
    } catch (err) {
      throw badRequest(`unable to decode protobuf body: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const text = raw.toString('utf8');
  if (type === 'application/apply-patch+yaml' || type === 'application/yaml') {
    try {
      return parseYaml(text) as unknown;
    } catch (err) {
      throw badRequest(`error decoding YAML: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (type === '' || type === 'application/json' || type.endsWith('+json') || type === '*/*') {
    try {
      return JSON.parse(text) as unknown;
    } catch (err) {
      throw badRequest(`error decoding JSON body: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  throw unsupportedMediaType(`the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf`);
}

/** True when the Accept header asks for a `meta.k8s.io` Table. */
export function wantsTable(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((part) => /;\s*as=Table/.test(part) && /g=meta\.k8s\.io/.test(part));
}

export function sendJson(res: ServerResponse, code: number, body: unknown, contentType = JSON_CONTENT_TYPE, warnings: string[] = []): void {
  const payload = JSON.stringify(body);
  const headers: Record<string, string | string[]> = { 'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(payload)) };
  if (warnings.length > 0) headers['Warning'] = warnings.map((w) => `299 - ${JSON.stringify(w)}`);
  res.writeHead(code, headers);
  res.end(payload);
}

/** Sends an already serialised JSON body. */
export function sendRawJson(res: ServerResponse, code: number, payload: string): void {
  res.writeHead(code, { 'Content-Type': JSON_CONTENT_TYPE, 'Content-Length': String(Buffer.byteLength(payload)) });
  res.end(payload);
}

export function sendStatus(res: ServerResponse, err: ApiError): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  sendJson(res, err.code, err.status);
}

export function sendText(res: ServerResponse, code: number, text: string): void {
  res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)) });
  res.end(text);
}
