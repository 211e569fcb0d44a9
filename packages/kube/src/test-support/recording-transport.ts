import type { RestRequest, RestResponse, Transport, WatchEvent, WatchHandle } from '../transport.js';

type Responder = (req: RestRequest) => RestResponse | Promise<RestResponse>;

/** A Transport that records requests and answers from a function. Watches are not supported. */
export class RecordingTransport implements Transport {
  readonly requests: RestRequest[] = [];
  constructor(private readonly respond: Responder) {}

  async request(req: RestRequest): Promise<RestResponse> {
    this.requests.push(req);
    return this.respond(req);
  }

  watch(_p: string, _q: Readonly<Record<string, string | undefined>>, _e: (e: WatchEvent) => void, _d: (err: unknown) => void): Promise<WatchHandle> {
    return Promise.reject(new Error('RecordingTransport does not watch'));
  }
}

export const json = (status: number, body: unknown): RestResponse => ({ status, body: JSON.stringify(body) });

export const status = (code: number, reason: string, message: string): RestResponse =>
  json(code, { kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message });
