/**
 * One HTTP(S) request for metric providers (node:http/https): per-request timeout, optional TLS verification skip
 * (`insecure`), body read fully. Never throws for HTTP status codes; transport failures reject with an Error whose
 * message names the method and URL as Go's net/http does (`Get "<url>": <cause>`).
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface HttpRequest {
  readonly method: string;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly timeoutMs: number;
  readonly insecure?: boolean;
}

export interface HttpResponse {
  readonly status: number;
  readonly body: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

export type HttpClient = (req: HttpRequest) => Promise<HttpResponse>;

/** Go's `Get`, `Post`, … spelling in url.Error messages. */
const goMethod = (method: string): string => method.charAt(0).toUpperCase() + method.slice(1).toLowerCase();

/** Largest response body read (bytes); more is an error rather than unbounded memory. */
export const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

export const nodeHttpClient: HttpClient = (req) =>
  new Promise<HttpResponse>((resolve, reject) => {
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      reject(new Error(`parse "${req.url}": invalid URL`));
      return;
    }
    const fail = (cause: string): void => reject(new Error(`${goMethod(req.method)} "${req.url}": ${cause}`));
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      fail(`unsupported protocol scheme "${url.protocol.replace(/:$/, '')}"`);
      return;
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const headers: Record<string, string> = { ...(req.headers ?? {}) };
    if (req.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(req.body));
    const r = send(url, { method: req.method, headers, ...(url.protocol === 'https:' && req.insecure === true ? { rejectUnauthorized: false } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_RESPONSE_BYTES) {
          r.destroy(new Error('response body too large'));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
      res.on('error', (e) => fail(e.message));
    });
    r.setTimeout(req.timeoutMs, () => r.destroy(new Error('context deadline exceeded (Client.Timeout exceeded while awaiting headers)')));
    r.on('error', (e: NodeJS.ErrnoException) => fail(e.code === 'ECONNREFUSED' ? `dial tcp ${url.host}: connect: connection refused` : e.message));
    if (req.body !== undefined) r.write(req.body);
    r.end();
  });
