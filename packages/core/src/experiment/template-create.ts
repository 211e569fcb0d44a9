/**
 * A missing template ReplicaSet or Service: planned as a create, or (the reconciler ran the create and passed its
 * outcome in the snapshot) the object the API server holds, or an Error template status with upstream's text.
 * parity: argo-rollouts experiments/experiment.go createReplicaSetForTemplate, createTemplateService
 */
import type { V1ReplicaSet } from '@kubernetes/client-node';
import type { TemplateSpec, TemplateStatus } from '@serin/api';
import { TEMPLATE_STATUS } from '@serin/api';
import type { ExperimentContext } from './experiment-context.js';
import { EX_ACTION } from './plan.js';
import { buildTemplateReplicaSet, buildTemplateService } from './template-replica-set.js';

/**
 * The template's ReplicaSet at 0 replicas: planned as a create, or (outcome known) the object the server returned;
 * a failed create makes the template status Error (undefined is returned).
 * parity: argo-rollouts experiments/experiment.go createReplicaSetForTemplate
 */
export function createTemplateReplicaSet(c: ExperimentContext, template: TemplateSpec, ts: TemplateStatus): V1ReplicaSet | undefined {
  const outcome = c.snap.created?.replicaSets.get(template.name);
  if (outcome === undefined) {
    const built = buildTemplateReplicaSet(c.ex, template, ts.collisionCount);
    c.actions.push({ kind: EX_ACTION.CreateReplicaSet, template: template.name, replicaSet: built });
    return built;
  }
  if (outcome.ok) return outcome.value;
  ts.status = TEMPLATE_STATUS.Error;
  ts.message = `Failed to create ReplicaSet for template '${template.name}': ${outcome.error}`;
  return undefined;
}

/**
 * The template's Service (named `service.name` or after the RS; none without container ports): planned as a create,
 * or the created/adopted one; a failed create makes the template status Error.
 * parity: argo-rollouts experiments/experiment.go createTemplateService
 */
export function createTemplateService(c: ExperimentContext, template: TemplateSpec, ts: TemplateStatus, rs: V1ReplicaSet): void {
  const svc = buildTemplateService(c.ex, template, rs);
  if (svc === undefined) return;
  const outcome = c.snap.created?.services.get(template.name);
  if (outcome === undefined) {
    c.actions.push({ kind: EX_ACTION.CreateService, template: template.name, service: svc });
    c.templateServices.set(template.name, svc);
  } else if (outcome.ok) {
    c.templateServices.set(template.name, outcome.value);
  } else {
    ts.status = TEMPLATE_STATUS.Error;
    ts.message = `Failed to create Service ${svc.metadata?.name ?? ''} for template '${template.name}': ${outcome.error}`;
  }
}
