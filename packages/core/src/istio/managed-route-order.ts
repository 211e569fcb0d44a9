/**
 * Managed routes go first, in `managedRoutes` order; user routes follow in their own order.
 * parity: argo-rollouts rollout/trafficrouting/istio/istio.go orderRoutes,
 * splitManagedRoutesAndNonManagedRoutes (Serin keeps each unnamed route once — upstream's reorder
 * duplicates unnamed routes when there are several)
 */
import { asObject, asString } from './json.js';

export function partitionManagedRoutes<T>(routes: readonly T[], managed: readonly string[]): { managed: T[]; unmanaged: T[] } {
  const inManaged: T[] = [];
  const outside: T[] = [];
  for (const r of routes) {
    const name = asString(asObject(r)?.['name']);
    (name !== '' && managed.includes(name) ? inManaged : outside).push(r);
  }
  return { managed: inManaged, unmanaged: outside };
}

export function orderManagedRoutes<T>(routes: readonly T[], managed: readonly string[]): T[] {
  const split = partitionManagedRoutes(routes, managed);
  const ordered = managed.flatMap((name) => split.managed.filter((r) => asString(asObject(r)?.['name']) === name));
  return [...ordered, ...split.unmanaged];
}
