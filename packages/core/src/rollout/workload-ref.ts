/**
 * `workloadRef`: the pod template (and selector) come from a Deployment; a Deployment can be scaled down as the
 * Rollout takes over (`scaleDown: never | onsuccess | progressively`).
 * parity: argo-rollouts rollout/templateref.go Resolve; rollout/replicaset.go reconcileNewReplicaSet
 *         (progressively); rollout/sync.go promoteStable (onsuccess); rollout/context.go scaleDeployment
 */
import type { V1Deployment } from '@kubernetes/client-node';
import type { Rollout } from '@serin/api';
import { ANNOTATION } from '@serin/api';

export type WorkloadResolution = { readonly rollout: Rollout; readonly error?: undefined } | { readonly rollout?: undefined; readonly error: string };

const isEmptyTemplate = (rollout: Rollout): boolean => {
  const t = rollout.spec.template;
  return t === undefined || ((t.metadata === undefined || Object.keys(t.metadata).length === 0) && (t.spec === undefined || Object.keys(t.spec).length === 0));
};

/**
 * A copy of `rollout` with the Deployment's template, its selector (when the rollout has none) and the
 * `rollout.argoproj.io/workload-generation` annotation; or the resolution error upstream reports.
 * Without `workloadRef` the rollout is returned as is.
 */
export function resolveWorkloadRef(rollout: Rollout, deployment: V1Deployment | undefined): WorkloadResolution {
  const ref = rollout.spec.workloadRef;
  if (ref === undefined) return { rollout };
  if (!isEmptyTemplate(rollout)) return { error: 'template must be empty for workload reference rollout' };
  const [group, version] = (ref.apiVersion ?? '').includes('/') ? (ref.apiVersion ?? '').split('/') : ['', ref.apiVersion ?? ''];
  if (!(group === 'apps' && version !== undefined && ref.kind === 'Deployment')) {
    return { error: `workload of type ${group ?? ''}/${ref.kind ?? ''} is not supported` };
  }
  if (deployment === undefined) return { error: `deployments.apps "${ref.name ?? ''}" not found` };
  const resolved = structuredClone(rollout);
  resolved.spec.template = structuredClone(deployment.spec?.template ?? {});
  if (resolved.spec.selector === undefined && deployment.spec?.selector !== undefined) resolved.spec.selector = structuredClone(deployment.spec.selector);
  resolved.metadata = {
    ...(resolved.metadata ?? {}),
    annotations: { ...(resolved.metadata?.annotations ?? {}), [ANNOTATION.WorkloadGeneration]: String(deployment.metadata?.generation ?? 0) },
  };
  return { rollout: resolved };
}

/**
 * Deployment replicas wanted by `scaleDown` for a first (revision 1) rollout, or undefined to leave it alone:
 * onsuccess → 0 once the rollout is Healthy (checked at promotion); progressively → 0 once Healthy, else
 * `spec.replicas − status.readyReplicas` while the rollout has ready pods or just shrank its new RS.
 */
export function desiredDeploymentReplicas(
  rollout: Rollout,
  mode: 'onsuccess' | 'progressively',
  progress: { readonly revision: number; readonly newRSScaledFrom?: number; readonly newRSScaledTo?: number },
): number | undefined {
  if (progress.revision !== 1 || rollout.spec.workloadRef?.scaleDown !== mode) return undefined;
  const healthy = rollout.status?.phase === 'Healthy';
  if (healthy) return 0;
  if (mode === 'onsuccess') return undefined;
  const ready = rollout.status?.readyReplicas ?? 0;
  const shrank = progress.newRSScaledFrom !== undefined && progress.newRSScaledTo !== undefined && progress.newRSScaledFrom > progress.newRSScaledTo;
  if (rollout.spec.replicas === undefined || !(ready > 0 || shrank)) return undefined;
  return Math.max(rollout.spec.replicas - ready, 0);
}
