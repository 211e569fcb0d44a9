/**
 * A template ReplicaSet scale and a template Service delete: planned as writes, or (the reconciler ran them and
 * passed their outcomes in the snapshot) the event of a done scale, or an Error template status with upstream's text.
 * parity: argo-rollouts experiments/experiment.go scaleTemplateRS, deleteTemplateService;
 *         experiments/replicaset.go scaleReplicaSetAndRecordEvent, scaleReplicaSet
 */
import type { V1ReplicaSet } from '@kubernetes/client-node';
import type { TemplateSpec, TemplateStatus } from '@serin/api';
import { ANNOTATION, TEMPLATE_STATUS, getExperimentTemplateReplicasOrDefault } from '@serin/api';
import { parseMetaTime } from '../rollout/time.js';
import type { ExperimentContext } from './experiment-context.js';
import { EX_ACTION } from './plan.js';

/** A conflicting scale is retried after this long, without an event or a status change. */
export const SCALE_CONFLICT_RETRY_MS = 1_000;

/**
 * Scale to `desired`; going to 0 waits for the scale-down deadline (kept at `replicas` until then).
 * Done → event ScalingReplicaSet `Scaled <up|down> ReplicaSet <rs> from <from> to <to>`; failed → Warning
 * ReplicaSetUpdateError `Failed to scale <rs> <up|down>: <err>` and the template is Error
 * (`Unable to scale ReplicaSet for template '<t>' to desired replica count '<to>': <err>`); conflict → requeue 1 s.
 */
export function scaleTemplateRS(c: ExperimentContext, rs: V1ReplicaSet, template: TemplateSpec, ts: TemplateStatus, desired: number): void {
  let target = desired;
  if (desired === 0) {
    const deadline = parseMetaTime(rs.metadata?.annotations?.[ANNOTATION.ScaleDownDeadline]);
    if (deadline !== undefined && deadline > c.now) {
      c.requeues.push(deadline - c.now);
      target = getExperimentTemplateReplicasOrDefault(template);
    }
  }
  const from = rs.spec?.replicas ?? 1;
  if (from === target) return;
  const name = rs.metadata?.name ?? '';
  const op = from < target ? 'up' : 'down';
  const outcome = c.snap.written?.scaled.get(template.name);
  if (outcome === undefined) c.actions.push({ kind: EX_ACTION.PatchReplicaSet, name, patch: { spec: { replicas: target } }, template: template.name });
  if (outcome === undefined || outcome.ok) {
    c.event('ScalingReplicaSet', `Scaled ${op} ReplicaSet ${name} from ${from} to ${target}`);
    return;
  }
  if (outcome.conflict) {
    c.requeues.push(SCALE_CONFLICT_RETRY_MS);
    return;
  }
  c.event('ReplicaSetUpdateError', `Failed to scale ${name} ${op}: ${outcome.error}`, 'Warning');
  ts.status = TEMPLATE_STATUS.Error;
  ts.message = `Unable to scale ReplicaSet for template '${template.name}' to desired replica count '${target}': ${outcome.error}`;
}

/** Delete the template's Service (if any) and clear `serviceName`/`podTemplateHash`; a failed delete keeps both and the template is Error. */
export function deleteTemplateService(c: ExperimentContext, ts: TemplateStatus, template: string): void {
  const svc = c.templateServices.get(template);
  if (svc === undefined) return;
  const outcome = c.snap.written?.deletedServices.get(template);
  if (outcome !== undefined && !outcome.ok) {
    ts.status = TEMPLATE_STATUS.Error;
    ts.message = `Failed to delete Service for template '${template}': ${outcome.error}`;
    return;
  }
  if (outcome === undefined) c.actions.push({ kind: EX_ACTION.DeleteService, template, name: svc.metadata?.name ?? '' });
  c.templateServices.delete(template);
  delete ts.serviceName;
  delete ts.podTemplateHash;
}
