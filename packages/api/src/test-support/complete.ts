/**
 * Test-only: `Complete<T>` makes every optional field of a Serin API type required, recursively, so a value of
 * `Complete<Rollout>` must spell out every field the TS types declare — and nothing else. Embedded Kubernetes
 * types and free-form JSON are left as they are.
 */
import type { V1JobSpec, V1LabelSelector, V1ObjectMeta, V1PodTemplateSpec } from '@kubernetes/client-node';
import type { JsonValue } from '../types/common.js';

type Opaque = V1PodTemplateSpec | V1LabelSelector | V1JobSpec | V1ObjectMeta | JsonValue;

export type Complete<T> = [T] extends [Opaque]
  ? T
  : T extends string | number | boolean
    ? T
    : T extends ReadonlyArray<infer U>
      ? [Complete<U>, ...Array<Complete<U>>]
      : T extends object
        ? { [K in keyof T]-?: Complete<NonNullable<T[K]>> }
        : T;
