/**
 * Old ReplicaSets of a traffic-routed canary: what one of them is scaled to. After promotion the previous stable
 * RS keeps its pods for `scaleDownDelaySeconds` (default 30 s, `scale-down-deadline` annotation) so traffic still in
 * flight to it is served; at most `scaleDownDelayRevisionLimit` old RSs wait this way (newest revisions first, the
 * rest go to 0 at once). An RS still referenced (status hashes, live Service selectors, DestinationRule subsets) is
 * left alone.
 * parity: argo-rollouts rollout/canary.go scaleDownOldReplicaSetsForCanary (traffic-routed branch),
 *         rollout/replicaset.go scaleDownDelayHelper, isReplicaSetReferenced, isReplicaSetReferencedByIstioDestinationRule
 */
import type { V1ReplicaSet, V1Service } from '@kubernetes/client-node';
import { ANNOTATION, LABEL, getScaleDownDelaySecondsOrDefault } from '@serin/api';
import { asArray, asObject } from '../istio/json.js';
import { ACTION, type PlanContext } from './plan.js';
import { podTemplateHashOf, specReplicas } from './replica-sets.js';
import { metaTime, parseMetaTime } from './time.js';

/** Live objects that may still send traffic to an old RS (from the snapshot; absent: not checked). */
export interface LiveReferences {
  /** Services of the rollout's namespace by name; a named Service missing here counts as not found. */
  readonly services?: ReadonlyMap<string, V1Service> | undefined;
  /** The DestinationRule named by `trafficRouting.istio.destinationRule`, as cached. */
  readonly destinationRule?: { readonly spec?: Readonly<Record<string, unknown>> | undefined } | undefined;
}

/** Pod-template hashes in the DestinationRule's `spec.subsets[].labels`. */
export function destinationRuleSubsetHashes(dr: LiveReferences['destinationRule']): string[] {
  const out: string[] = [];
  for (const subset of asArray(dr?.spec?.['subsets']) ?? []) {
    const hash = asObject(asObject(subset)?.['labels'])?.[LABEL.PodTemplateHash];
    if (typeof hash === 'string' && hash !== '') out.push(hash);
  }
  return out;
}

/**
 * The hashes an old RS must not be scaled down under: status stableRS, currentPodHash, blue-green selectors and
 * routed weights; the selector of the live canary/stable Services; the DestinationRule's subset labels.
 */
export function referencedHashes(ctx: PlanContext, live: LiveReferences): Set<string> {
  const s = ctx.status;
  const w = s.canary?.weights;
  const refs = [s.stableRS, s.currentPodHash, s.blueGreen?.activeSelector, s.blueGreen?.previewSelector, w?.canary.podTemplateHash, w?.stable.podTemplateHash];
  const canary = ctx.rollout.spec.strategy?.canary;
  for (const name of [canary?.canaryService, canary?.stableService]) {
    if (name === undefined || name === '') continue;
    refs.push(live.services?.get(name)?.spec?.selector?.[LABEL.PodTemplateHash]);
  }
  if (canary?.trafficRouting?.istio?.destinationRule !== undefined) refs.push(...destinationRuleSubsetHashes(live.destinationRule));
  return new Set(refs.filter((h): h is string => h !== undefined && h !== ''));
}

/** Upstream's IsFullyPromoted: `status.stableRS == status.currentPodHash` (unset counts as ""). */
function isFullyPromoted(ctx: PlanContext): boolean {
  return (ctx.status.stableRS ?? '') === (ctx.status.currentPodHash ?? '');
}

/** Counts the old RSs that hold a scale-down deadline (scaleDownDelayHelper's `annotationedRSs`). */
export interface DelayBudget {
  annotated: number;
}

/**
 * The delay of one old RS (newest revisions first, `budget` shared across them), with `limit` =
 * scaleDownDelayRevisionLimit (unset: unlimited), `current` = its spec.replicas:
 * - no deadline: within the limit (and a delay > 0) → annotate `now + delay`, requeue, keep `current`; else 0
 *   (`scaleDownDelaySeconds: 0` scales down at once: docs/adr/0011);
 * - deadline: counts against the limit; over it → 0; not reached → keep `current`, requeue at it; passed → 0.
 */
function scaleDownDelay(ctx: PlanContext, rs: V1ReplicaSet, budget: DelayBudget): number {
  const limit = ctx.rollout.spec.strategy?.canary?.scaleDownDelayRevisionLimit ?? Number.MAX_SAFE_INTEGER;
  const current = specReplicas(rs);
  const text = rs.metadata?.annotations?.[ANNOTATION.ScaleDownDeadline] ?? '';
  if (text === '') {
    const delaySeconds = getScaleDownDelaySecondsOrDefault(ctx.rollout);
    if (budget.annotated >= limit || delaySeconds <= 0) return 0;
    budget.annotated++;
    ctx.actions.push({ kind: ACTION.PatchReplicaSet, name: rs.metadata?.name ?? '', patch: { metadata: { annotations: { [ANNOTATION.ScaleDownDeadline]: metaTime(ctx.nowMs + delaySeconds * 1000) } } } });
    ctx.requeueAfter(delaySeconds * 1000);
    return current;
  }
  budget.annotated++;
  if (budget.annotated > limit) return 0;
  const at = parseMetaTime(text);
  if (at === undefined || at <= ctx.nowMs) return 0;
  ctx.requeueAfter(at - ctx.nowMs);
  return current;
}

/**
 * Desired replicas of an unreferenced, scaled-up old RS of a routed canary:
 * - fully promoted or already carrying a deadline (likely the previous stable): dynamicStableScale → 0 now,
 *   else the scale-down delay (scaleDownDelay);
 * - otherwise an intermediate RS abandoned mid-update (V1 → V2, then V3: the V2 RS): 0 now, no traffic goes to it.
 */
export function routedOldReplicaSetReplicas(ctx: PlanContext, rs: V1ReplicaSet, budget: DelayBudget): number {
  const hasDeadline = (rs.metadata?.annotations?.[ANNOTATION.ScaleDownDeadline] ?? '') !== '';
  if (!isFullyPromoted(ctx) && !hasDeadline) return 0;
  if (ctx.rollout.spec.strategy?.canary?.dynamicStableScale === true) return 0;
  return scaleDownDelay(ctx, rs, budget);
}

/** True when `rs` is still referenced (see referencedHashes); an RS without a hash label never is. */
export function isReplicaSetReferenced(references: ReadonlySet<string>, rs: V1ReplicaSet): boolean {
  const hash = podTemplateHashOf(rs);
  return hash !== '' && references.has(hash);
}
