import type { Clock, TimerHandle } from './clock.js';

interface PendingTimer {
  readonly id: number;
  readonly dueMs: number;
  readonly fn: () => void;
}

/**
 * A manual clock for tests. `advance(ms)` fires due timers in due-time order (ties in creation
 * order) and lets promise callbacks settle between them, so async code driven by the timers runs
 * as it would in real time.
 */
export class FakeClock implements Clock {
  private nowMs: number;
  private nextId = 0;
  private readonly timers = new Map<number, PendingTimer>();

  constructor(startMs = 0) {
    this.nowMs = startMs;
  }

  now(): number {
    return this.nowMs;
  }

  setTimeout(fn: () => void, delayMs: number): TimerHandle {
    const id = ++this.nextId;
    this.timers.set(id, { id, dueMs: this.nowMs + Math.max(0, delayMs), fn });
    return { id };
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers.delete(handle.id);
  }

  /** Number of timers not yet fired. */
  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Delays (from now) of the pending timers, soonest first. */
  pendingDelays(): number[] {
    return [...this.timers.values()].map((t) => t.dueMs - this.nowMs).sort((a, b) => a - b);
  }

  /** Move time forward by `ms`, firing every timer that falls due, in order. */
  async advance(ms: number): Promise<void> {
    const target = this.nowMs + ms;
    await flushPromises();
    for (;;) {
      const due = this.nextDue(target);
      if (due === undefined) break;
      this.timers.delete(due.id);
      this.nowMs = due.dueMs;
      due.fn();
      await flushPromises();
    }
    this.nowMs = target;
    await flushPromises();
  }

  private nextDue(limitMs: number): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    for (const t of this.timers.values()) {
      if (t.dueMs > limitMs) continue;
      if (best === undefined || t.dueMs < best.dueMs || (t.dueMs === best.dueMs && t.id < best.id)) best = t;
    }
    return best;
  }
}

/** Let queued promise callbacks (and the ones they queue) run. */
export async function flushPromises(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
