/**
 * Which Rollout keys (`namespace/name`) an informer event should enqueue. Pure.
 *  - Rollout add / update / delete      → its own key
 *  - ReplicaSet add / update / delete   → the controlling owner if it is a Rollout (resync updates
 *                                          with an unchanged resourceVersion are ignored)
 *  - AnalysisRun add / delete           → the controlling Rollout; update only when status.phase changed
 *  - Experiment add / delete            → the controlling Rollout; update only when status.phase changed
 *  - Service                            → every Rollout in its namespace that names it
 *  - Deployment                         → every Rollout in its namespace whose workloadRef names it
 * parity: argo-rollouts rollout/controller.go (event handlers), utils/controller/controller.go EnqueueParentObject
 */
import type { Rollout } from '@serin/api';
import type { KubeObject } from '@serin/kube';

export const RolloutKind = 'Rollout';

/** metav1.GetControllerOf: the ownerReference with `controller: true`. */
export function controllerOf(obj: KubeObject): { kind: string; name: string } | undefined {
  const ref = (obj.metadata?.ownerReferences ?? []).find((r) => r.controller === true);
  return ref === undefined ? undefined : { kind: ref.kind ?? '', name: ref.name ?? '' };
}

/** Key of the controlling owner of `obj` when that owner is of `ownerKind`. */
export function parentKey(obj: KubeObject, ownerKind: string = RolloutKind): string | undefined {
  const owner = controllerOf(obj);
  if (owner === undefined || owner.kind !== ownerKind) return undefined;
  return `${obj.metadata?.namespace ?? ''}/${owner.name}`;
}

export function rolloutKey(rollout: KubeObject): string {
  const ns = rollout.metadata?.namespace ?? '';
  const name = rollout.metadata?.name ?? '';
  return ns === '' ? name : `${ns}/${name}`;
}

/** Services a Rollout references (canary/stable, ping/pong, active/preview). */
export function referencedServices(rollout: Rollout): string[] {
  const s = rollout.spec?.strategy;
  const names = [
    s?.canary?.canaryService,
    s?.canary?.stableService,
    s?.canary?.pingPong?.pingService,
    s?.canary?.pingPong?.pongService,
    s?.blueGreen?.activeService,
    s?.blueGreen?.previewService,
  ];
  return names.filter((n): n is string => typeof n === 'string' && n !== '');
}

/** Keys of the Rollouts (from `rollouts`, one namespace) that reference the Service `name`. */
export function rolloutsReferencingService(rollouts: readonly Rollout[], name: string): string[] {
  return rollouts.filter((r) => referencedServices(r).includes(name)).map(rolloutKey);
}

/** Keys of the Rollouts whose `spec.workloadRef` is the Deployment `name`. */
export function rolloutsReferencingDeployment(rollouts: readonly Rollout[], name: string): string[] {
  return rollouts.filter((r) => r.spec?.workloadRef?.kind === 'Deployment' && r.spec.workloadRef.name === name).map(rolloutKey);
}

/** `(Cluster)AnalysisTemplate` names a Rollout references: canary steps and background analysis, blue-green pre/post. */
export function referencedAnalysisTemplates(rollout: Rollout, clusterScope: boolean): string[] {
  const s = rollout.spec?.strategy;
  const analyses = [...(s?.canary?.steps ?? []).map((step) => step.analysis), s?.canary?.analysis, s?.blueGreen?.prePromotionAnalysis, s?.blueGreen?.postPromotionAnalysis];
  return analyses.flatMap((a) => (a?.templates ?? []).filter((t) => (t.clusterScope ?? false) === clusterScope).map((t) => t.templateName ?? ''));
}

/**
 * Keys of the Rollouts (from `rollouts`) that reference the AnalysisTemplate (or, with `clusterScope`, the
 * ClusterAnalysisTemplate) `name`. Beyond Argo: a Rollout applied together with its template, and found InvalidSpec
 * because the template's informer event came second, is reconciled again at once instead of after 20 s.
 */
export function rolloutsReferencingAnalysisTemplate(rollouts: readonly Rollout[], name: string, clusterScope: boolean): string[] {
  return rollouts.filter((r) => referencedAnalysisTemplates(r, clusterScope).includes(name)).map(rolloutKey);
}

/** Did an informer update carry a real change (not a resync re-delivery)? */
export function resourceVersionChanged(old: KubeObject, obj: KubeObject): boolean {
  return old.metadata?.resourceVersion !== obj.metadata?.resourceVersion;
}

/** AnalysisRun / Experiment updates only matter to the Rollout when the phase moved. */
export function phaseChanged(old: { status?: { phase?: string } | null }, obj: { status?: { phase?: string } | null }): boolean {
  return (old.status?.phase ?? '') !== (obj.status?.phase ?? '');
}
