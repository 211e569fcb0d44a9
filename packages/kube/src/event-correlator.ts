/**
 * Pure bookkeeping behind the event recorder, as client-go's EventCorrelator, in client-go's order:
 *  1. similar-event aggregation — per (source, object, type, reason): once 10 distinct messages were
 *     seen within 600 s, further events become `(combined from similar events): <message>` and share
 *     one Event;
 *  2. de-duplication — an event identical to one already seen (same source, object, type,
 *     reason, message; LRU of 4096) is written as a patch of that Event: count + 1, lastTimestamp.
 *     The count is taken at observation, before the spam filter — so occurrences the filter drops
 *     still count: 30 identical events in a burst, then one more 5 min later ⇒ that patch says count 31;
 *  3. spam filter — per (source, involved object) token bucket, burst 25, refill 1 per 300 s;
 *     events over budget are not written.
 * parity: client-go tools/record/events_cache.go
 */
import type { KubeEvent } from './wire-types.js';

export const SpamBurst = 25;
export const SpamRefillMs = 300_000;
export const AggregateMaxEvents = 10;
export const AggregateIntervalMs = 600_000;
export const DedupCacheSize = 4096;
export const CombinedPrefix = '(combined from similar events): ';

export type CorrelationResult =
  | { readonly action: 'drop' }
  | { readonly action: 'create'; readonly event: KubeEvent; readonly key: string }
  | { readonly action: 'patch'; readonly namespace: string; readonly name: string; readonly count: number; readonly event: KubeEvent; readonly key: string };

interface Seen {
  name: string;
  namespace: string;
  count: number;
  firstTimestamp: string;
}

function objectPart(e: KubeEvent): string[] {
  const o = e.involvedObject;
  return [e.source?.component ?? '', e.source?.host ?? '', o.kind ?? '', o.namespace ?? '', o.name ?? '', o.uid ?? '', o.apiVersion ?? ''];
}

/** Small LRU over a Map (insertion order = recency). */
class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) {
      const oldest = this.map.keys().next().value;
      if (oldest !== undefined) this.map.delete(oldest);
    }
  }
  delete(key: string): void {
    this.map.delete(key);
  }
}

export class EventCorrelator {
  private readonly spam = new Lru<{ tokens: number; lastMs: number }>(DedupCacheSize);
  private readonly similar = new Lru<{ messages: Set<string>; lastMs: number }>(DedupCacheSize);
  private readonly written = new Lru<Seen>(DedupCacheSize);

  /** Decide what to do with a freshly built event (count 1, first = last timestamp). */
  correlate(event: KubeEvent, nowMs: number): CorrelationResult {
    const aggregated = this.aggregate(event, nowMs);
    const key = JSON.stringify(aggregated.key);
    const seen = this.written.get(key);
    const result: CorrelationResult =
      seen === undefined
        ? { action: 'create', event: aggregated.event, key }
        : {
            action: 'patch',
            namespace: seen.namespace,
            name: seen.name,
            count: seen.count + 1,
            key,
            event: { ...aggregated.event, metadata: { ...aggregated.event.metadata, name: seen.name, namespace: seen.namespace }, count: seen.count + 1, firstTimestamp: seen.firstTimestamp },
          };
    // observed now, whether or not the spam filter lets it through (client-go eventObserve precedes filterFunc)
    this.recordWritten(key, result.event);
    return this.allow(result.event, nowMs) ? result : { action: 'drop' };
  }

  /** Remember what the server now holds (or, at observation, will hold) for `key`. */
  recordWritten(key: string, event: KubeEvent): void {
    this.written.set(key, {
      name: event.metadata?.name ?? '',
      namespace: event.metadata?.namespace ?? '',
      count: event.count ?? 1,
      firstTimestamp: event.firstTimestamp ?? '',
    });
  }

  /** The server lost the Event we meant to patch: start over for this key. */
  forget(key: string): void {
    this.written.delete(key);
  }

  private allow(event: KubeEvent, nowMs: number): boolean {
    const key = JSON.stringify(objectPart(event));
    const b = this.spam.get(key) ?? { tokens: SpamBurst, lastMs: nowMs };
    b.tokens = Math.min(SpamBurst, b.tokens + (nowMs - b.lastMs) / SpamRefillMs);
    b.lastMs = nowMs;
    const ok = b.tokens >= 1;
    if (ok) b.tokens -= 1;
    this.spam.set(key, b);
    return ok;
  }

  private aggregate(event: KubeEvent, nowMs: number): { event: KubeEvent; key: string[] } {
    const aggKey = JSON.stringify([...objectPart(event), event.type ?? '', event.reason ?? '']);
    const message = event.message ?? '';
    let entry = this.similar.get(aggKey);
    if (entry === undefined || nowMs - entry.lastMs > AggregateIntervalMs) entry = { messages: new Set(), lastMs: nowMs };
    entry.lastMs = nowMs;
    const exactKey = [...objectPart(event), event.type ?? '', event.reason ?? '', message];
    if (entry.messages.has(message) || entry.messages.size < AggregateMaxEvents - 1) {
      entry.messages.add(message);
      this.similar.set(aggKey, entry);
      return { event, key: exactKey };
    }
    this.similar.set(aggKey, entry);
    return { event: { ...event, message: `${CombinedPrefix}${message}` }, key: [aggKey] };
  }
}
