/**
 * Blue-green fast rollback: a rollback (the new RS is the stable one, or predates it) that is within the rollback
 * window, back to the stable RS, or — blue-green only — back to an RS still inside its scale-down delay (its
 * `scale-down-deadline` lies in the future when the reconcile starts, before the deadline is removed).
 * A fast rollback skips the pause and analysis, switches the active Service at once and completes with
 * `Fast rollback` / `Rollback within window`.
 * Example: rev 1 → rev 2 promoted (rev 1 kept 30 s), `undo` to rev 1 within those 30 s → straight back to rev 1.
 * parity: argo-rollouts rollout/sync.go isFastRollback (isWithinScaleDownDelay), rollout/controller.go
 *         newRolloutContext (newRSWithinDelay), utils/replicaset GetTimeRemainingBeforeScaleDownDeadline
 */
import type { V1ReplicaSet } from '@kubernetes/client-node';
import { ANNOTATION } from '@serin/api';
import type { PlanContext } from '../rollout/plan.js';
import { isFastRollback, isRollback } from '../rollout/rollback.js';
import { parseMetaTime } from '../rollout/time.js';

/** The RS carries a `scale-down-deadline` that has not passed at `nowMs` (unparseable → false). */
export function isWithinScaleDownDelay(rs: V1ReplicaSet | undefined, nowMs: number): boolean {
  const text = rs?.metadata?.annotations?.[ANNOTATION.ScaleDownDeadline];
  if (text === undefined || text === '') return false;
  const at = parseMetaTime(text);
  return at !== undefined && at > nowMs;
}

/** `isFastRollback`, plus a rollback to a new RS that was within its scale-down delay when the reconcile began. */
export function isBlueGreenFastRollback(ctx: PlanContext, newRSWithinDelay: boolean): boolean {
  return isFastRollback(ctx) || (newRSWithinDelay && isRollback(ctx));
}
