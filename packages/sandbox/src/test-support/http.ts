import { request } from 'node:http';

export interface WatchStream {
  /** Parsed events received so far. */
  events: { type: string; object: Record<string, unknown> }[];
  status: Promise<number>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Opens a watch (or any streaming GET) and collects one JSON event per line. */
export function openWatch(url: string, headers: Record<string, string> = {}): WatchStream {
  const events: WatchStream['events'] = [];
  let resolveStatus: (n: number) => void = () => undefined;
  let resolveEnded: () => void = () => undefined;
  const status = new Promise<number>((r) => (resolveStatus = r));
  const ended = new Promise<void>((r) => (resolveEnded = r));
  const req = request(url, { headers }, (res) => {
    resolveStatus(res.statusCode ?? 0);
    let buffer = '';
    res.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl = buffer.indexOf('\n');
      while (nl >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line.trim() !== '') events.push(JSON.parse(line) as WatchStream['events'][number]);
        nl = buffer.indexOf('\n');
      }
    });
    res.on('end', () => resolveEnded());
    res.on('close', () => resolveEnded());
  });
  req.on('error', () => resolveEnded());
  req.end();
  return { events, status, ended, close: () => req.destroy() };
}

export async function until(cond: () => boolean, what = 'condition'): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export async function send(method: string, url: string, body?: unknown, contentType = 'application/json'): Promise<{ status: number; body: Record<string, unknown> }> {
  const init: RequestInit = { method, headers: { 'Content-Type': contentType, Accept: 'application/json' } };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  const res = await fetch(url, init);
  const text = await res.text();
  return { status: res.status, body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
}
