import { type IncomingMessage, type ServerResponse, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP proxy in front of an API server that can fail the next N watch requests with a 500,
 * so tests can drive an informer through a non-410 watch error against the real sandbox.
 */
export async function startFaultProxy(target: string): Promise<{ url: string; failNextWatches: (n: number) => void; failedWatches: () => number; close: () => Promise<void> }> {
  const upstream = new URL(target);
  let toFail = 0;
  let failed = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const isWatch = /[?&]watch=(true|1)/.test(req.url ?? '');
    if (isWatch && toFail > 0) {
      toFail--;
      failed++;
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 500, reason: 'InternalError', message: 'injected fault' }));
      return;
    }
    const out = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    out.on('error', () => res.destroy());
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    failNextWatches: (n) => (toFail = n),
    failedWatches: () => failed,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Poll `cond` every 10 ms until true (throws after `limitMs`). Waits on outcomes, asserts nothing about time. */
export async function until(cond: () => boolean, limitMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > limitMs) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 10));
  }
}
