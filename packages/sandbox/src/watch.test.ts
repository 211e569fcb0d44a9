import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from './sandbox.js';
import { startSandbox } from './sandbox.js';
import { ChangeType } from './store.js';
import type { StoreChange } from './store.js';
import { openWatch, send, until } from './test-support/http.js';
import type { KubeObject } from './types.js';
import { eventFor } from './watch.js';

const labelled = (app: string): KubeObject => ({ metadata: { name: 'x', labels: { app } } });
const isWeb = (o: KubeObject): boolean => o.metadata.labels?.['app'] === 'web';
const change = (type: StoreChange['type'], object: KubeObject, previous?: KubeObject): StoreChange => ({
  type,
  resource: '/pods',
  object,
  resourceVersion: 1,
  ...(previous !== undefined ? { previous } : {}),
});

describe('eventFor (selector-scoped transitions)', () => {
  it.each([
    { name: 'added and matching', c: change(ChangeType.Added, labelled('web')), event: 'ADDED' },
    { name: 'added, not matching', c: change(ChangeType.Added, labelled('db')), event: undefined },
    { name: 'still matching', c: change(ChangeType.Modified, labelled('web'), labelled('web')), event: 'MODIFIED' },
    { name: 'starts matching', c: change(ChangeType.Modified, labelled('web'), labelled('db')), event: 'ADDED' },
    { name: 'stops matching', c: change(ChangeType.Modified, labelled('db'), labelled('web')), event: 'DELETED' },
    { name: 'never matching', c: change(ChangeType.Modified, labelled('db'), labelled('db')), event: undefined },
    { name: 'deleted while matching', c: change(ChangeType.Deleted, labelled('web'), labelled('web')), event: 'DELETED' },
  ])('$name → $event', ({ c, event }) => {
    expect(eventFor(c, isWeb)).toBe(event);
  });
});

let sandbox: Sandbox;
const cm = (name: string, labels: Record<string, string> = {}): unknown => ({ metadata: { name, labels }, data: { k: 'v' } });
beforeEach(async () => {
  sandbox = await startSandbox({ port: 0, bookmarkIntervalMs: 50 });
});
afterEach(async () => {
  await sandbox.close();
});

describe('watch over HTTP', () => {
  const base = (): string => `${sandbox.url}/api/v1/namespaces/default/configmaps`;

  it('sends synthetic ADDED for existing objects, then live events with their resourceVersions', async () => {
    await send('POST', base(), cm('first'));
    const w = openWatch(`${base()}?watch=true`);
    await until(() => w.events.length === 1);
    const created = await send('POST', base(), cm('second'));
    await send('DELETE', `${base()}/first`);
    await until(() => w.events.length === 3);
    w.close();
    expect(w.events.map((e) => [e.type, (e.object['metadata'] as { name: string }).name])).toEqual([
      ['ADDED', 'first'],
      ['ADDED', 'second'],
      ['DELETED', 'first'],
    ]);
    expect((w.events[1]?.object['metadata'] as { resourceVersion: string }).resourceVersion).toBe((created.body['metadata'] as { resourceVersion: string }).resourceVersion);
  });

  it('resumes from a resourceVersion by replaying history', async () => {
    const list = await send('GET', base());
    const rv = (list.body['metadata'] as { resourceVersion: string }).resourceVersion;
    await send('POST', base(), cm('a'));
    await send('PATCH', `${base()}/a`, { data: { k: 'w' } }, 'application/merge-patch+json');
    const w = openWatch(`${base()}?watch=true&resourceVersion=${rv}`);
    await until(() => w.events.length === 2);
    w.close();
    expect(w.events.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED']);
  });

  it('answers a compacted resume point with an in-stream 410 Expired and closes', async () => {
    await send('POST', base(), cm('a'));
    const old = sandbox.store.resourceVersion - 1;
    await send('POST', base(), cm('b'));
    sandbox.store.compact();
    const w = openWatch(`${base()}?watch=true&resourceVersion=${old}`);
    await w.ended;
    expect(w.events).toEqual([
      {
        type: 'ERROR',
        object: expect.objectContaining({ kind: 'Status', status: 'Failure', reason: 'Expired', code: 410 }) as unknown as Record<string, unknown>,
      },
    ]);
  });

  it('sends ADDED/DELETED as objects start/stop matching a label selector', async () => {
    await send('POST', base(), cm('x', { app: 'db' }));
    const w = openWatch(`${base()}?watch=true&labelSelector=app%3Dweb`);
    await new Promise((r) => setTimeout(r, 20));
    await send('PATCH', `${base()}/x`, { metadata: { labels: { app: 'web' } } }, 'application/merge-patch+json');
    await send('PATCH', `${base()}/x`, { data: { k: 'changed' } }, 'application/merge-patch+json');
    await send('PATCH', `${base()}/x`, { metadata: { labels: { app: 'db' } } }, 'application/merge-patch+json');
    await until(() => w.events.length === 3);
    w.close();
    expect(w.events.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
  });

  it('sends bookmarks when allowed and ends the stream after timeoutSeconds', async () => {
    const w = openWatch(`${base()}?watch=true&allowWatchBookmarks=true&timeoutSeconds=1&resourceVersion=${sandbox.store.resourceVersion}`);
    await w.ended;
    const bookmarks = w.events.filter((e) => e.type === 'BOOKMARK');
    expect(bookmarks.length).toBeGreaterThan(0);
    expect(bookmarks[0]?.object).toEqual({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { resourceVersion: String(sandbox.store.resourceVersion) } });
  });

  it('emits no event for a no-op write', async () => {
    await send('POST', base(), cm('same'));
    const w = openWatch(`${base()}?watch=true&resourceVersion=${sandbox.store.resourceVersion}`);
    await new Promise((r) => setTimeout(r, 20));
    const before = sandbox.store.resourceVersion;
    const r = await send('PATCH', `${base()}/same`, { data: { k: 'v' } }, 'application/merge-patch+json');
    await send('PATCH', `${base()}/same`, { data: { k: 'v2' } }, 'application/merge-patch+json');
    await until(() => w.events.length === 1);
    w.close();
    expect((r.body['metadata'] as { resourceVersion: string }).resourceVersion).toBe(String(before));
    expect(w.events.map((e) => e.type)).toEqual(['MODIFIED']);
  });

  it('streams one-row Tables when kubectl asks for them', async () => {
    await send('POST', base(), cm('t'));
    const w = openWatch(`${base()}?watch=true`, { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' });
    await until(() => w.events.length === 1);
    w.close();
    const table = w.events[0]?.object as { kind: string; columnDefinitions: { name: string }[]; rows: { cells: unknown[] }[] };
    expect(table.kind).toBe('Table');
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Data', 'Age']);
    expect(table.rows[0]?.cells.slice(0, 2)).toEqual(['t', 1]);
  });
});
