import { describe, expect, it } from 'vitest';
import { conflict, notFound } from '../errors.js';
import { WorkQueue } from './work-queue.js';

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));
const until = async (cond: () => boolean): Promise<void> => {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe('WorkQueue', () => {
  it('reconciles a key added many times in one turn once, in a later macrotask', async () => {
    const seen: string[] = [];
    const q = new WorkQueue((k) => seen.push(k));
    for (let i = 0; i < 5; i++) q.add('a');
    q.add('b');
    expect(seen).toEqual([]);
    await tick();
    expect(seen).toEqual(['a', 'b']);
    q.stop();
  });

  it('retries a conflict until it succeeds, and drops NotFound', async () => {
    let calls = 0;
    const gone: string[] = [];
    const q = new WorkQueue((k) => {
      if (k === 'gone') {
        gone.push(k);
        throw notFound({ group: '', plural: 'pods' }, 'x');
      }
      calls++;
      if (calls < 3) throw conflict({ group: '', plural: 'pods' }, 'x', 'stale');
    });
    q.add('busy');
    q.add('gone');
    await until(() => calls >= 3);
    await tick();
    expect(calls).toBe(3);
    expect(gone).toEqual(['gone']);
    q.stop();
  });

  it('holds keys while paused', async () => {
    const seen: string[] = [];
    const q = new WorkQueue((k) => seen.push(k));
    q.pause();
    q.add('a');
    await tick();
    expect(seen).toEqual([]);
    q.resume();
    await tick();
    expect(seen).toEqual(['a']);
    q.stop();
  });
});
