/**
 * Leader election on a `coordination.k8s.io/v1` Lease, as client-go's leaderelection with a
 * LeaseLock and Argo's settings: Lease `argo-rollouts-controller-lock[-<instanceId>]`, lease 15 s,
 * renew deadline 10 s, retry 2 s, identity `<hostname>_<uuid>`, ReleaseOnCancel false.
 *
 *  - A candidate may take the lease when it is missing, already its own, or expired:
 *      expired ⇔ now ≥ observedAtMs + leaseDurationSeconds·1000
 *    where observedAtMs is the local time this candidate last saw the record change (so clock skew
 *    between replicas does not matter — client-go's rule).
 *  - Taking or renewing is a PUT with the observed resourceVersion; a conflict loses the round.
 *    A leader whose lease is still valid renews with that PUT alone (no GET first), falling back to
 *    GET + PUT when it fails (client-go's optimistic fast path).
 *  - A candidate tries again every retry period stretched by a random 0–120 % (client-go's jitter);
 *    the leader renews every retry period; if no renewal succeeds for renewDeadline it stops
 *    leading, and the signal given to `onStartedLeading` aborts — also when the renewal request
 *    hangs (the round is cut at the deadline).
 *  - `onStoppedLeading` runs whenever `run` ends, also for a candidate that never led (as client-go).
 * parity: argo-rollouts controller/controller.go (leaderelection.RunOrDie config)
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { type Clock, sleep } from './clock.js';
import { isNotFound, toKubeError } from './errors.js';
import { type Logger, silentLogger } from './logger.js';
import type { ResourceClient } from './resource-client.js';
import type { Lease } from './wire-types.js';

export const DefaultLeaseDurationMs = 15_000;
export const DefaultRenewDeadlineMs = 10_000;
export const DefaultRetryPeriodMs = 2_000;
/** client-go acquire loop: JitterUntil(retryPeriod, 1.2). */
export const AcquireJitterFactor = 1.2;

/**
 * Wait between two attempts of a candidate that does not lead yet (a leader renews every retry
 * period, unjittered):  retryMs · (1 + 1.2 · random),  random ∈ [0, 1)  ⇒ 2 s … 4.4 s by default —
 * so standby replicas do not poll the Lease in step.
 */
export function acquireRetryDelayMs(retryMs: number, random: number): number {
  return retryMs * (1 + AcquireJitterFactor * random);
}

export interface LeaderCallbacks {
  /** Leadership acquired; `signal` aborts when it is lost or the elector stops. */
  onStartedLeading(signal: AbortSignal): void;
  onStoppedLeading(): void;
  onNewLeader?(identity: string): void;
}

export interface LeaderElectorOptions {
  readonly leases: ResourceClient<Lease>;
  readonly namespace: string;
  readonly name: string;
  readonly identity?: string;
  readonly leaseDurationMs?: number;
  readonly renewDeadlineMs?: number;
  readonly retryPeriodMs?: number;
  /** Give the lease up on stop (Argo: false). */
  readonly releaseOnCancel?: boolean;
  readonly clock: Clock;
  readonly logger?: Logger;
  readonly callbacks: LeaderCallbacks;
  /** [0, 1) source for the acquire jitter (default Math.random). */
  readonly random?: () => number;
}

/** `<hostname>_<uuid>`: unique even for two processes on one host. */
export function defaultIdentity(): string {
  return `${hostname()}_${randomUUID()}`;
}

/** Lease MicroTime: RFC 3339 with microseconds. */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export class LeaderElector {
  readonly identity: string;
  private readonly leaseDurationMs: number;
  private readonly renewDeadlineMs: number;
  private readonly retryPeriodMs: number;
  private readonly log: Logger;
  private observed: Lease | undefined;
  private observedAtMs = 0;
  private leader = false;
  private reportedLeader = '';

  constructor(private readonly options: LeaderElectorOptions) {
    this.identity = options.identity ?? defaultIdentity();
    this.leaseDurationMs = options.leaseDurationMs ?? DefaultLeaseDurationMs;
    this.renewDeadlineMs = options.renewDeadlineMs ?? DefaultRenewDeadlineMs;
    this.retryPeriodMs = options.retryPeriodMs ?? DefaultRetryPeriodMs;
    if (this.leaseDurationMs <= this.renewDeadlineMs) throw new Error('leaseDuration must be greater than renewDeadline');
    if (this.renewDeadlineMs <= this.retryPeriodMs) throw new Error('renewDeadline must be greater than retryPeriod');
    this.log = (options.logger ?? silentLogger).child({ lease: `${options.namespace}/${options.name}`, identity: this.identity });
  }

  isLeader(): boolean {
    return this.leader;
  }

  /** Campaign until leader, lead until the lease is lost or `signal` aborts. Resolves when done leading. */
  async run(signal: AbortSignal): Promise<void> {
    const { clock } = this.options;
    while (!signal.aborted) {
      if (await this.tryAcquireOrRenew()) break;
      await sleep(clock, acquireRetryDelayMs(this.retryPeriodMs, (this.options.random ?? Math.random)()), signal).catch(() => undefined);
    }
    if (signal.aborted) {
      this.options.callbacks.onStoppedLeading(); // client-go calls it on every exit of Run
      return;
    }

    this.leader = true;
    this.log.info('became leader');
    const leading = new AbortController();
    this.options.callbacks.onStartedLeading(leading.signal);
    let lastRenewMs = clock.now();
    while (!signal.aborted) {
      await sleep(clock, this.retryPeriodMs, signal).catch(() => undefined);
      if (signal.aborted) break;
      if (await this.renewWithin(lastRenewMs + this.renewDeadlineMs - clock.now())) {
        lastRenewMs = clock.now();
      } else if (clock.now() - lastRenewMs >= this.renewDeadlineMs) {
        this.log.warn('failed to renew lease, stopping leading');
        break;
      }
    }
    this.leader = false;
    leading.abort(new Error('leadership lost'));
    if (signal.aborted && this.options.releaseOnCancel === true) await this.release();
    this.options.callbacks.onStoppedLeading();
  }

  /**
   * One renewal round that counts as failed once `budgetMs` pass without an answer — a hung API
   * request cannot keep us leading past the renew deadline while another replica takes the lease
   * (client-go bounds the round with a renewDeadline context).
   */
  private async renewWithin(budgetMs: number): Promise<boolean> {
    const timer = new AbortController();
    const timedOut = sleep(this.options.clock, Math.max(0, budgetMs), timer.signal).then(
      () => false,
      () => false,
    );
    try {
      return await Promise.race([this.tryAcquireOrRenew(), timedOut]);
    } finally {
      timer.abort();
    }
  }

  /** One round: create, take over an expired lease, or renew our own. */
  async tryAcquireOrRenew(): Promise<boolean> {
    const { leases, namespace, name, clock } = this.options;
    const now = clock.now();
    const spec = { holderIdentity: this.identity, leaseDurationSeconds: Math.round(this.leaseDurationMs / 1000), acquireTime: microTime(now), renewTime: microTime(now), leaseTransitions: 0 };
    if (await this.renewOptimistically(now)) return true;
    let current: Lease;
    try {
      current = await leases.get(namespace, name);
    } catch (err) {
      if (!isNotFound(err)) {
        this.log.warn('error retrieving resource lock', { err: toKubeError(err).message });
        return false;
      }
      try {
        const created = await leases.create(namespace, { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name, namespace }, spec });
        this.observe(created, clock.now());
        return true;
      } catch (createErr) {
        this.log.warn('error initially creating leader election record', { err: toKubeError(createErr).message });
        return false;
      }
    }
    this.observe(current, now);
    const holder = current.spec?.holderIdentity ?? '';
    const durationMs = (current.spec?.leaseDurationSeconds ?? 0) * 1000;
    if (holder !== '' && holder !== this.identity && now < this.observedAtMs + durationMs) return false;

    const mine = holder === this.identity;
    const next: Lease = {
      ...current,
      spec: {
        ...spec,
        acquireTime: mine ? (current.spec?.acquireTime ?? spec.acquireTime) : spec.acquireTime,
        leaseTransitions: (current.spec?.leaseTransitions ?? 0) + (mine ? 0 : 1),
      },
    };
    try {
      const updated = await leases.update(next);
      this.observe(updated, clock.now());
      return true;
    } catch (err) {
      this.log.warn('failed to update lease', { err: toKubeError(err).message });
      return false;
    }
  }

  /**
   * Fast path of a leader whose lease is still valid: PUT the renewal over the Lease it last saw,
   * without a GET first (one request per renewal instead of two). Any failure (e.g. a conflict because
   * someone else wrote the Lease) falls back to the GET-then-decide round.
   */
  private async renewOptimistically(now: number): Promise<boolean> {
    const lease = this.observed;
    const spec = lease?.spec;
    if (!this.leader || lease === undefined || spec?.holderIdentity !== this.identity) return false;
    if (now >= this.observedAtMs + (spec.leaseDurationSeconds ?? 0) * 1000) return false;
    try {
      const updated = await this.options.leases.update({ ...lease, spec: { ...spec, leaseDurationSeconds: Math.round(this.leaseDurationMs / 1000), renewTime: microTime(now) } });
      this.observe(updated, this.options.clock.now());
      return true;
    } catch (err) {
      this.log.warn('failed to update lock optimistically, falling back to slow path', { err: toKubeError(err).message });
      return false;
    }
  }

  private observe(lease: Lease, nowMs: number): void {
    const prev = this.observed?.spec;
    const cur = lease.spec;
    if (prev === undefined || prev.holderIdentity !== cur?.holderIdentity || prev.renewTime !== cur?.renewTime) this.observedAtMs = nowMs;
    this.observed = lease;
    const holder = cur?.holderIdentity ?? '';
    if (holder !== '' && holder !== this.reportedLeader) {
      this.reportedLeader = holder;
      this.options.callbacks.onNewLeader?.(holder);
    }
  }

  private async release(): Promise<void> {
    const lease = this.observed;
    if (lease?.spec?.holderIdentity !== this.identity) return;
    try {
      await this.options.leases.update({ ...lease, spec: { ...lease.spec, holderIdentity: '', leaseDurationSeconds: 1, renewTime: microTime(this.options.clock.now()) } });
    } catch (err) {
      this.log.warn('failed to release lease', { err: toKubeError(err).message });
    }
  }
}
