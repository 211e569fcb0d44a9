import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { Registry } from './registry.js';
import { Store } from './store.js';
import { WatchHub } from './watch.js';

describe('watch back-pressure', () => {
  it('ends the stream of a watcher that stops reading once it falls too far behind', async () => {
    const store = new Store();
    const hub = new WatchHub(store, { now: () => new Date(), maxBufferedBytes: 256 * 1024 });
    const configmaps = new Registry().lookup('', 'v1', 'configmaps');
    if (configmaps === undefined) throw new Error('no configmaps type');
    const server = createServer((_req, res) => hub.serve(res, { type: configmaps, filter: { labels: [], fields: [] }, allowBookmarks: false, sendInitialEvents: false, table: false }));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;

    let lines = 0;
    let ended = false;
    const stalled = await new Promise<import('node:http').IncomingMessage>((resolve) => {
      request(`http://127.0.0.1:${port}/`, (res) => {
        res.pause();
        resolve(res);
      }).end();
    });
    const total = 4000;
    const blob = 'x'.repeat(16 * 1024);
    for (let i = 0; i < total; i++) store.put('/configmaps', { metadata: { name: `c${i}`, namespace: 'default' }, data: { blob } });
    expect(hub.activeWatches).toBe(0);

    stalled.on('data', (chunk: Buffer) => {
      for (const byte of chunk) if (byte === 10) lines++;
    });
    await new Promise<void>((r) => {
      stalled.on('end', () => {
        ended = true;
        r();
      });
      stalled.resume();
    });
    server.close();
    expect(ended).toBe(true);
    expect(lines).toBeGreaterThan(0);
    expect(lines).toBeLessThan(total);
  });
});
