/**
 * Wire shapes for the core objects @serin/kube itself reads and writes (Lease, Event), with
 * timestamps as the strings the API server sends (client-node's model types declare `Date`, which
 * is only true after its own deserialiser runs).
 */
import type { KubeObject, ObjectMetaLike, OwnerRef } from './object.js';

export interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  /** RFC 3339 with microseconds (MicroTime). */
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
}

export interface Lease extends KubeObject {
  metadata?: ObjectMetaLike;
  spec?: LeaseSpec;
}

export interface ObjectReference {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  resourceVersion?: string;
}

export interface KubeEvent extends KubeObject {
  metadata?: ObjectMetaLike;
  involvedObject: ObjectReference;
  reason?: string;
  message?: string;
  type?: 'Normal' | 'Warning' | string;
  count?: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  source?: { component?: string; host?: string };
  reportingComponent?: string;
  reportingInstance?: string;
}

/** A third-party object Serin edits only in part (Istio VirtualService, DestinationRule): narrow with guards. */
export interface CustomObject extends KubeObject {
  metadata?: ObjectMetaLike;
  spec?: Record<string, unknown>;
  status?: unknown;
}

export type { OwnerRef };
