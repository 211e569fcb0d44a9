/**
 * VirtualService / DestinationRule informers, started only when the `networking.istio.io` CRDs exist at
 * `--istio-api-version`.
 *
 * Detection: `LIST virtualservices?limit=1` (in the `--namespaced` namespace, else cluster-wide); any error —
 * 404 when the CRD is not installed, 403 without RBAC — means "absent" (upstream DoesIstioExist does the same).
 * Absent at start: the check repeats every `recheckMs` (30 s) until the CRDs show up, then the informers start;
 * their initial adds enqueue the Rollouts referring to each object, so routing resumes from the cache.
 * (Upstream checks once at start: Istio installed later needs a controller restart there.)
 *
 * The listers handed to reconcilers are stable from construction on: they answer from the informer once it has
 * synced and are empty before (the router then falls back to GETs, and weight verification waits for the cache).
 * parity: argo-rollouts controller/controller.go (DoesIstioExist before starting the Istio informers),
 *         rollout/controller.go (VirtualService/DestinationRule handlers), utils/istio/istio.go DoesIstioExist
 */
import { IstioKind } from '@serin/core';
import type { Clock, CustomObject, Informer, InformerFactory, Lister, Logger, ResourceClient, TimerHandle } from '@serin/kube';
import { isNotFound } from '@serin/kube';

/** Period of the CRD re-check while Istio is absent. */
export const IstioRecheckMs = 30_000;

export interface IstioInformersOptions {
  readonly informers: InformerFactory;
  /** VirtualService client at `--istio-api-version` (used only for detection). */
  readonly virtualServices: ResourceClient<CustomObject>;
  /** `--namespaced` namespace; '' = all namespaces. */
  readonly namespace: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** A VirtualService / DestinationRule was added, changed (new resourceVersion) or deleted. */
  readonly onChange: (kind: IstioKind, namespace: string, name: string) => void;
  /** Default IstioRecheckMs; 0 disables the re-check. */
  readonly recheckMs?: number;
}

/** A lister over an informer that may not exist yet: empty until the informer has synced. */
class DeferredLister implements Lister<CustomObject> {
  informer: Informer<CustomObject> | undefined;

  private get ready(): Lister<CustomObject> | undefined {
    return this.informer?.hasSynced() === true ? this.informer.lister : undefined;
  }
  get(namespace: string, name: string): CustomObject | undefined {
    return this.ready?.get(namespace, name);
  }
  getByKey(key: string): CustomObject | undefined {
    return this.ready?.getByKey(key);
  }
  list(namespace?: string): CustomObject[] {
    return this.ready?.list(namespace) ?? [];
  }
  byIndex(indexName: string, value: string): CustomObject[] {
    return this.ready?.byIndex(indexName, value) ?? [];
  }
  ownedBy(uid: string): CustomObject[] {
    return this.ready?.ownedBy(uid) ?? [];
  }
  size(): number {
    return this.ready?.size() ?? 0;
  }
}

export class IstioInformers {
  private readonly vs = new DeferredLister();
  private readonly dr = new DeferredLister();
  private timer: TimerHandle | undefined;
  private stopped = false;

  constructor(private readonly options: IstioInformersOptions) {}

  get virtualServices(): Lister<CustomObject> {
    return this.vs;
  }
  get destinationRules(): Lister<CustomObject> {
    return this.dr;
  }
  /** Informers created (CRDs found)? */
  get active(): boolean {
    return this.vs.informer !== undefined;
  }

  /** Do the Istio CRDs exist? A cheap LIST; every error counts as "no". */
  async detect(): Promise<boolean> {
    try {
      await this.options.virtualServices.list(this.options.namespace, { limit: 1 });
      return true;
    } catch (err) {
      if (!isNotFound(err)) this.options.logger.info('Istio VirtualServices not readable; treating Istio as not installed', { err });
      return false;
    }
  }

  /**
   * Detect and, when present, create the informers in the factory (a started factory starts them at once).
   * When absent, schedule the periodic re-check. Resolves to whether the informers exist.
   */
  async ensure(): Promise<boolean> {
    if (this.active || this.stopped) return this.active;
    const present = await this.detect();
    if (this.stopped) return false;
    if (!present) {
      this.scheduleRecheck();
      return false;
    }
    this.create();
    return true;
  }

  /** Cancel a pending re-check (the factory stops the informers). */
  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private scheduleRecheck(): void {
    const every = this.options.recheckMs ?? IstioRecheckMs;
    if (every <= 0 || this.stopped || this.timer !== undefined) return;
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = undefined;
      void this.ensure().then((found) => {
        if (found) this.options.logger.info('Istio CRDs detected; VirtualService/DestinationRule informers started');
      });
    }, every);
  }

  private create(): void {
    const f = this.options.informers;
    const vs = f.virtualServices();
    const dr = f.destinationRules();
    this.watch(vs, IstioKind.VirtualService);
    this.watch(dr, IstioKind.DestinationRule);
    this.vs.informer = vs;
    this.dr.informer = dr;
  }

  private watch(informer: Informer<CustomObject>, kind: IstioKind): void {
    const changed = (obj: CustomObject): void => this.options.onChange(kind, obj.metadata?.namespace ?? '', obj.metadata?.name ?? '');
    informer.addEventHandler({
      add: changed,
      update: (old, obj) => {
        if (old.metadata?.resourceVersion !== obj.metadata?.resourceVersion) changed(obj);
      },
      delete: changed,
    });
  }
}
