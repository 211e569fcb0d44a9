/**
 * Label selectors the controller's informers use, as upstream builds them.
 * parity: argo-rollouts cmd/rollouts-controller/main.go, utils/controller/controller.go InstanceIDRequirement
 */
import { LABEL } from '@serin/api';

export const PodTemplateHashLabel = LABEL.PodTemplateHash;
export const ControllerInstanceIdLabel = LABEL.ControllerInstanceId;
export const AnalysisRunUidLabel = LABEL.AnalysisRunUid;

const labelValue = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/**
 * `--instance-id` sharding: with an id, only objects labelled
 * `argo-rollouts.argoproj.io/controller-instance-id=<id>`; without, only objects that do not carry
 * the label at all. Throws on an id that is not a valid label value (upstream panics).
 */
export function instanceIdSelector(instanceId: string): string {
  if (instanceId === '') return `!${ControllerInstanceIdLabel}`;
  if (instanceId.length > 63 || !labelValue.test(instanceId)) throw new Error(`invalid instance id ${JSON.stringify(instanceId)}: not a valid label value`);
  return `${ControllerInstanceIdLabel}=${instanceId}`;
}

/** Does an object's label set match `instanceIdSelector(instanceId)`? (for objects not seen through an informer) */
export function matchesInstanceId(labels: Readonly<Record<string, string>> | undefined, instanceId: string): boolean {
  const value = labels?.[ControllerInstanceIdLabel];
  return instanceId === '' ? value === undefined : value === instanceId;
}

/** Leader-election Lease name: `argo-rollouts-controller-lock[-<instanceId>]`. */
export function leaseLockName(instanceId: string): string {
  return instanceId === '' ? 'argo-rollouts-controller-lock' : `argo-rollouts-controller-lock-${instanceId}`;
}
