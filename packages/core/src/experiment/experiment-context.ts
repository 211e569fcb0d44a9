/**
 * The state of one Experiment reconcile while it is planned: the snapshot, the template ReplicaSets/Services claimed
 * from it (controlled by the Experiment, both experiment annotations set, template defined), the next status, and the
 * actions and requeues decided so far.
 * parity: argo-rollouts experiments/experiment.go experimentContext; experiments/replicaset.go
 *         getReplicaSetsForExperiment; experiments/service.go getServicesForExperiment
 */
import type { V1ReplicaSet, V1Service } from '@kubernetes/client-node';
import type { Experiment, ExperimentStatus } from '@serin/api';
import { ANNOTATION } from '@serin/api';
import { isExperimentTerminating } from './experiment-util.js';
import { EX_ACTION, type ExperimentAction, type ExperimentSnapshot } from './plan.js';

export class ExperimentContext {
  readonly actions: ExperimentAction[] = [];
  readonly requeues: number[] = [];
  readonly next: ExperimentStatus;
  readonly terminating: boolean;
  readonly templateRSs = new Map<string, V1ReplicaSet>();
  readonly templateServices = new Map<string, V1Service>();

  constructor(readonly snap: ExperimentSnapshot) {
    const ex = snap.experiment;
    this.next = structuredClone(ex.status ?? {});
    this.terminating = isExperimentTerminating(ex);
    const names = new Set(ex.spec.templates.map((t) => t.name));
    for (const rs of snap.replicaSets) {
      const template = rs.metadata?.annotations?.[ANNOTATION.ExperimentTemplateName] ?? '';
      if (rs.metadata?.annotations?.[ANNOTATION.ExperimentName] === ex.metadata?.name && names.has(template) && !this.templateRSs.has(template)) this.templateRSs.set(template, rs);
    }
    for (const svc of snap.services) {
      const template = svc.metadata?.annotations?.[ANNOTATION.ExperimentTemplateName] ?? '';
      if (svc.metadata?.annotations?.[ANNOTATION.ExperimentName] === ex.metadata?.name && names.has(template)) this.templateServices.set(template, svc);
    }
  }

  get ex(): Experiment {
    return this.snap.experiment;
  }

  get now(): number {
    return this.snap.nowMs;
  }

  event(reason: string, message: string, type: 'Normal' | 'Warning' = 'Normal'): void {
    this.actions.push({ kind: EX_ACTION.Event, type, reason, message });
  }
}
