/**
 * Kubernetes Events from the controller, like Argo's EventRecorderAdapter over client-go's
 * recorder: source component `rollouts-controller`, Normal unless Warning, an Event named
 * `<object>.<hex nanoseconds>` in the object's namespace, aggregated / de-duplicated / spam-filtered
 * by `EventCorrelator`, never throwing into the reconcile. Every call is logged (`event_reason`
 * field) and reported to `onEvent` (feeds `rollout_events_total`).
 *
 * Writes are asynchronous, as client-go's broadcaster, and ordered per involved object:
 *   - one object's Events are correlated and written one after another, in call order — so a
 *     repeat of an Event still being created becomes a patch (count 2) once the create returns
 *     (every correlation key names the object, so per-object order serialises each key);
 *   - different objects' Events are written in parallel, at most `concurrency` (default 8) at a
 *     time; an object waiting for a slot joins the back of the line (round robin across objects).
 *     Each write still waits for the transport's `--qps/--burst` limiter.
 *   - a write that got no HTTP answer (API server unreachable) is tried up to 12 times, 10 s apart
 *     (first wait jittered); the object's later Events wait behind it. An HTTP error answer is not retried.
 *   - at most 1000 Events wait to be written; beyond that new ones are dropped with an error log
 *     (client-go's broadcaster queue, DropIfChannelFull) — memory stays bounded while the server is away.
 * parity: argo-rollouts utils/record/record.go
 */
import { randomUUID } from 'node:crypto';
import { type Clock, sleep } from './clock.js';
import { type CorrelationResult, EventCorrelator } from './event-correlator.js';
import { isAlreadyExists, isNotFound, toKubeError } from './errors.js';
import { type Logger, silentLogger } from './logger.js';
import type { KubeObject } from './object.js';
import type { ResourceClient } from './resource-client.js';
import type { KubeEvent, ObjectReference } from './wire-types.js';

export const ControllerAgentName = 'rollouts-controller';

export const EventType = { Normal: 'Normal', Warning: 'Warning' } as const;
export type EventType = (typeof EventType)[keyof typeof EventType];

export interface EventOptions {
  readonly reason: string;
  readonly type?: EventType;
}

export interface RecordedEvent {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly type: EventType;
  readonly reason: string;
  readonly message: string;
}

export interface EventRecorder {
  /** Record an event (Normal unless `type` says Warning). Returns at once; one object's Events are written in call order. */
  event(object: KubeObject, options: EventOptions, message: string): void;
  warn(object: KubeObject, options: Omit<EventOptions, 'type'>, message: string): void;
  /**
   * Resolves when every event recorded so far has been written or given up. Writes waiting to retry
   * an unreachable server are given up rather than waited for (as client-go's broadcaster Shutdown),
   * so stopping the controller never waits out the retries.
   */
  flush(): Promise<void>;
}

export interface EventRecorderOptions {
  readonly events: ResourceClient<KubeEvent>;
  readonly clock: Clock;
  readonly logger?: Logger;
  /** Defaults for objects that carry no kind/apiVersion (list items): a Rollout. */
  readonly defaultKind?: string;
  readonly defaultApiVersion?: string;
  readonly host?: string;
  readonly onEvent?: (event: RecordedEvent) => void;
  /** Event writes in flight at once across objects (default 8); one object's writes are always serial. */
  readonly concurrency?: number;
  /** [0, 1) source for the first retry's jitter (default Math.random). */
  readonly random?: () => number;
}

export const DefaultEventWriteConcurrency = 8;
/** client-go recordToSink: an Event the server could not be reached for is tried at most 12 times … */
export const MaxTriesPerEvent = 12;
/** … 10 s apart (the first wait is a random fraction of it, so replicas do not retry in step). */
export const EventRetrySleepMs = 10_000;
/** Events recorded but not yet written (or given up) beyond which new ones are dropped, as client-go's broadcaster queue. */
export const MaxQueuedEvents = 1000;

/**
 * Whether a failed Event write is tried again: only when no HTTP answer came back (connection
 * refused/reset, timeout — code 0). A Status answer (403, 422, 500, …) means the request itself is
 * bad and is dropped, as client-go's recordEvent.
 */
export function isEventWriteRetriable(err: unknown): boolean {
  return toKubeError(err).code === 0;
}

/**
 * Wait before try n+1 (n ≥ 1 tries failed):  n = 1 ⇒ random·10 s;  n > 1 ⇒ 10 s.
 */
export function eventRetryDelayMs(failedTries: number, random: number): number {
  return failedTries <= 1 ? EventRetrySleepMs * random : EventRetrySleepMs;
}

const DNS1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * `<object>.<hex nanoseconds>`, or a random UUID when that is not a valid Event name (longer than
 * 253 characters or not a DNS-1123 subdomain), so the API server does not refuse the Event.
 * parity: client-go tools/record/util GenerateEventName
 */
export function eventName(objectName: string, nanos: bigint, uuid: () => string = randomUUID): string {
  const name = `${objectName}.${nanos.toString(16)}`;
  return name.length <= 253 && DNS1123Subdomain.test(name) ? name : uuid();
}

/** metav1.Time: RFC 3339, second precision. */
export function eventTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * A counting semaphore: `run(task)` starts `task` while fewer than `limit` tasks run, else queues it;
 * a finishing task hands its slot to the longest-waiting one.
 *   in flight ≤ max(1, ⌊limit⌋)
 */
export function createSlots(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  const max = Math.max(1, Math.floor(limit));
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = (): void => {
    const next = waiting.shift();
    if (next === undefined) running--;
    else next(); // the slot passes on: running stays the same
  };
  return async (task) => {
    if (running < max) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      release();
    }
  };
}

/**
 * Jobs serial per key, parallel across keys (bounded by `run`, e.g. `createSlots`). A key's next job asks for a slot
 * only when its previous one finished. `idle()` resolves when every job enqueued so far is done.
 * Jobs must not reject (a rejection is swallowed so it cannot stall the key).
 */
export function createKeyedQueue(run: <T>(task: () => Promise<T>) => Promise<T>): {
  enqueue(key: string, job: () => Promise<void>): void;
  idle(): Promise<void>;
} {
  const tails = new Map<string, Promise<void>>();
  return {
    enqueue(key, job) {
      const previous = tails.get(key) ?? Promise.resolve();
      const tail = previous.then(() => run(job)).catch(() => undefined);
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
    },
    async idle() {
      await Promise.all([...tails.values()]);
    },
  };
}

export function createEventRecorder(options: EventRecorderOptions): EventRecorder {
  const correlator = new EventCorrelator();
  const log = options.logger ?? silentLogger;
  const queue = createKeyedQueue(createSlots(options.concurrency ?? DefaultEventWriteConcurrency));
  const random = options.random ?? Math.random;
  const retryWaits = new Set<AbortController>();
  let flushing = 0;
  let queued = 0;
  let sequence = 0;

  const reference = (obj: KubeObject): ObjectReference => ({
    kind: obj.kind ?? options.defaultKind ?? 'Rollout',
    apiVersion: obj.apiVersion ?? options.defaultApiVersion ?? 'argoproj.io/v1alpha1',
    namespace: obj.metadata?.namespace ?? '',
    name: obj.metadata?.name ?? '',
    uid: obj.metadata?.uid ?? '',
    resourceVersion: obj.metadata?.resourceVersion ?? '',
  });

  const build = (ref: ObjectReference, type: EventType, reason: string, message: string, nowMs: number): KubeEvent => {
    // hex nanoseconds as client-go; the sequence keeps names unique within one millisecond
    const nanos = BigInt(nowMs) * 1_000_000n + BigInt(sequence++ % 1_000_000);
    const namespace = ref.namespace === undefined || ref.namespace === '' ? 'default' : ref.namespace;
    const t = eventTime(nowMs);
    return {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: eventName(ref.name ?? '', nanos), namespace },
      involvedObject: ref,
      reason,
      message,
      type,
      count: 1,
      firstTimestamp: t,
      lastTimestamp: t,
      source: { component: ControllerAgentName, ...(options.host === undefined ? {} : { host: options.host }) },
      reportingComponent: ControllerAgentName,
      ...(options.host === undefined ? {} : { reportingInstance: options.host }),
    };
  };

  /** One try of a correlated write; throws what the API answered. */
  const send = async (result: Exclude<CorrelationResult, { action: 'drop' }>, fallbackName: string, nowMs: number): Promise<void> => {
    if (result.action === 'patch') {
      try {
        const patched = await options.events.patchMerge(result.namespace, result.name, { count: result.count, lastTimestamp: eventTime(nowMs), message: result.event.message ?? '' });
        correlator.recordWritten(result.key, patched);
        return;
      } catch (err) {
        if (!isNotFound(err)) throw err;
        // the Event to patch is gone: create it again under a fresh name
        const fresh = { ...result.event, metadata: { ...result.event.metadata, name: fallbackName } };
        correlator.recordWritten(result.key, await options.events.create(fresh.metadata.namespace ?? 'default', fresh));
        return;
      }
    }
    const created = await options.events.create(result.event.metadata?.namespace ?? 'default', result.event);
    correlator.recordWritten(result.key, created);
  };

  const write = async (event: KubeEvent, nowMs: number): Promise<void> => {
    const result = correlator.correlate(event, nowMs);
    if (result.action === 'drop') return;
    for (let tries = 1; ; tries++) {
      try {
        await send(result, event.metadata?.name ?? '', nowMs);
        return;
      } catch (err) {
        if (isAlreadyExists(err)) return;
        const message = toKubeError(err).message;
        if (!isEventWriteRetriable(err) || tries >= MaxTriesPerEvent) {
          log.warn(tries >= MaxTriesPerEvent ? 'unable to write event (retry limit exceeded)' : 'failed to write event', { event_reason: event.reason, err: message });
          return;
        }
        if (flushing > 0) {
          log.warn('failed to write event, not retried (recorder flushing)', { event_reason: event.reason, err: message });
          return;
        }
        log.warn('failed to write event, will retry', { event_reason: event.reason, err: message, tries });
        const wait = new AbortController();
        retryWaits.add(wait);
        try {
          await sleep(options.clock, eventRetryDelayMs(tries, random()), wait.signal);
        } catch {
          log.warn('event not written (recorder flushed while retrying)', { event_reason: event.reason, err: message });
          return;
        } finally {
          retryWaits.delete(wait);
        }
      }
    }
  };

  const record = (object: KubeObject, type: EventType, reason: string, message: string): void => {
    try {
      const ref = reference(object);
      const rec: RecordedEvent = { kind: ref.kind ?? '', namespace: ref.namespace ?? '', name: ref.name ?? '', type, reason, message };
      const objLog = log.child({ namespace: rec.namespace, [rec.kind.toLowerCase()]: rec.name, ...(reason === '' ? {} : { event_reason: reason }) });
      if (type === EventType.Warning) objLog.warn(message);
      else objLog.info(message);
      if (reason === '') return; // upstream: no reason ⇒ only the log line (no Event, no rollout_events_total, no notification)
      try {
        options.onEvent?.(rec);
      } catch (err) {
        log.warn('event hook failed', { event_reason: reason, err: err instanceof Error ? err.message : String(err) });
      }
      const nowMs = options.clock.now();
      const event = build(ref, type, reason, message, nowMs);
      // coarser than every correlation key (which also names uid, apiVersion, source): same key ⇒ same queue
      if (queued >= MaxQueuedEvents) {
        objLog.error('unable to record event: too many queued events, dropped event');
        return;
      }
      queued++;
      queue.enqueue(JSON.stringify([ref.kind, ref.namespace, ref.name]), () => write(event, nowMs).finally(() => queued--));
    } catch {
      // an Event is best effort: never fail the reconcile that records it
    }
  };

  return {
    event: (object, opts, message) => record(object, opts.type ?? EventType.Normal, opts.reason, message),
    warn: (object, opts, message) => record(object, EventType.Warning, opts.reason, message),
    async flush() {
      flushing++;
      for (const wait of retryWaits) wait.abort();
      try {
        await queue.idle();
      } finally {
        flushing--;
      }
    },
  };
}

/** Recorder for reconciler tests: keeps events in memory, writes nothing (cf. upstream FakeEventRecorder). */
export class MemoryEventRecorder implements EventRecorder {
  readonly recorded: RecordedEvent[] = [];

  event(object: KubeObject, options: EventOptions, message: string): void {
    this.recorded.push({
      kind: object.kind ?? 'Rollout',
      namespace: object.metadata?.namespace ?? '',
      name: object.metadata?.name ?? '',
      type: options.type ?? EventType.Normal,
      reason: options.reason,
      message,
    });
  }

  warn(object: KubeObject, options: Omit<EventOptions, 'type'>, message: string): void {
    this.event(object, { ...options, type: EventType.Warning }, message);
  }

  flush(): Promise<void> {
    return Promise.resolve();
  }

  /** Reasons in emission order. */
  reasons(): string[] {
    return this.recorded.map((e) => e.reason);
  }
}
