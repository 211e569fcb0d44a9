/**
 * One Experiment reconcile, decided purely from a cache snapshot: each template's ReplicaSet (create at 0, scale to
 * `replicas`, scale-down deadline then 0 once done) and Service, each analysis's AnalysisRun, then the phase,
 * conditions and one merge patch of `status`.
 * parity: argo-rollouts experiments/controller.go syncHandler, persistExperimentStatus, recordEvent;
 *         experiments/experiment.go reconcile, reconcileTemplate, reconcileAnalysisRun, calculateStatus,
 *         assessTemplates, assessAnalysisRuns, calculateEnqueueDuration, scaleTemplateRS
 */
import type { V1ReplicaSet } from '@kubernetes/client-node';
import type { AnalysisPhase, Experiment, ExperimentAnalysisRunStatus, ExperimentAnalysisTemplateRef, ExperimentStatus, TemplateSpec, TemplateStatus, TemplateStatusCode } from '@serin/api';
import {
  ANALYSIS_PHASE,
  ANNOTATION,
  LABEL,
  TEMPLATE_STATUS,
  getExperimentProgressDeadlineSecondsOrDefault,
  getExperimentScaleDownDelaySecondsOrDefault,
  isAnalysisPhaseCompleted,
} from '@serin/api';
import { isWorsePhase } from '../analysis/metric-status.js';
import { metaTime, parseMetaTime } from '../rollout/time.js';
import { buildExperimentAnalysisRun } from './analysis-run.js';
import { calculateExperimentConditions, getExperimentCondition, newExperimentCondition, removeExperimentCondition, setExperimentCondition, verifyExperimentSpec } from './conditions.js';
import {
  calculateTemplateReplicasCount,
  experimentPassedDuration,
  getExperimentAnalysisRunStatus,
  getExperimentTemplateStatus,
  hasRequiredAnalysisRuns,
  isExperimentTerminating,
  isTemplateStatusCompleted,
  requiredAnalysisRunsSuccessful,
  templateIsWorse,
} from './experiment-util.js';
import { ExperimentContext } from './experiment-context.js';
import { jsonMergeDiff } from './merge-diff.js';
import { EX_ACTION, type ExperimentPlan, type ExperimentSnapshot } from './plan.js';
import { createTemplateReplicaSet, createTemplateService } from './template-create.js';
import { deleteTemplateService, scaleTemplateRS } from './template-writes.js';

export const REQUIRED_ANALYSIS_COMPLETED_MESSAGE = 'Required AnalysisRuns completed';
/** Requeue while a just-created AnalysisRun is not in the cache yet. */
const RUN_CACHE_RETRY_MS = 1_000;

function setTemplateStatus(status: ExperimentStatus, ts: TemplateStatus): void {
  const list = [...(status.templateStatuses ?? [])];
  const at = list.findIndex((t) => t.name === ts.name);
  if (at >= 0) list[at] = ts;
  else list.push(ts);
  status.templateStatuses = list;
}

function setAnalysisRunStatus(status: ExperimentStatus, rs: ExperimentAnalysisRunStatus): void {
  const list = [...(status.analysisRuns ?? [])];
  const at = list.findIndex((a) => a.name === rs.name);
  if (at >= 0) list[at] = rs;
  else list.push(rs);
  status.analysisRuns = list;
}

/** The scale-down deadline once the template is done: `now + scaleDownDelaySeconds` (0 removes an existing one). */
function addScaleDownDelay(c: ExperimentContext, rs: V1ReplicaSet): V1ReplicaSet {
  const delay = getExperimentScaleDownDelaySecondsOrDefault(c.ex);
  const current = rs.metadata?.annotations?.[ANNOTATION.ScaleDownDeadline];
  if (delay === 0) {
    if (current === undefined) return rs;
    c.actions.push({ kind: EX_ACTION.PatchReplicaSet, name: rs.metadata?.name ?? '', patch: { metadata: { annotations: { [ANNOTATION.ScaleDownDeadline]: null } } } });
    const copy = structuredClone(rs);
    delete copy.metadata?.annotations?.[ANNOTATION.ScaleDownDeadline];
    return copy;
  }
  if (current !== undefined && current !== '') return rs;
  const deadline = metaTime(c.now + delay * 1000);
  c.actions.push({ kind: EX_ACTION.PatchReplicaSet, name: rs.metadata?.name ?? '', patch: { metadata: { annotations: { [ANNOTATION.ScaleDownDeadline]: deadline } } } });
  return { ...rs, metadata: { ...rs.metadata, annotations: { ...(rs.metadata?.annotations ?? {}), [ANNOTATION.ScaleDownDeadline]: deadline } } };
}

function reconcileTemplate(c: ExperimentContext, template: TemplateSpec): void {
  const stored = getExperimentTemplateStatus(c.ex.status, template.name);
  const ts: TemplateStatus = stored === undefined ? { name: template.name, replicas: 0, updatedReplicas: 0, readyReplicas: 0, availableReplicas: 0 } : structuredClone(stored);
  const prev = structuredClone(ts);
  const desired = calculateTemplateReplicasCount(c.ex, template);
  const now = metaTime(c.now);
  let rs = c.templateRSs.get(template.name);
  let created = false;
  if (rs === undefined) {
    rs = createTemplateReplicaSet(c, template, ts);
    if (rs !== undefined) ts.lastTransitionTime = now;
    created = true;
  } else {
    if (template.service !== undefined) {
      if (desired !== 0) {
        if (!c.templateServices.has(template.name)) createTemplateService(c, template, ts, rs);
        const svc = c.templateServices.get(template.name);
        if (svc !== undefined) {
          ts.serviceName = svc.metadata?.name ?? '';
          ts.podTemplateHash = rs.metadata?.labels?.[LABEL.PodTemplateHash] ?? '';
        }
      } else if ((rs.status?.availableReplicas ?? 0) === 0) {
        deleteTemplateService(c, ts, template.name);
      }
    } else {
      deleteTemplateService(c, ts, template.name);
    }
    if (desired === 0) rs = addScaleDownDelay(c, rs);
    if ((rs.spec?.replicas ?? 1) !== desired) {
      scaleTemplateRS(c, rs, template, ts, desired);
      ts.lastTransitionTime = now;
    }
  }
  const st = created ? undefined : rs?.status;
  ts.replicas = st?.replicas ?? 0;
  ts.updatedReplicas = st?.replicas ?? 0;
  ts.readyReplicas = st?.readyReplicas ?? 0;
  ts.availableReplicas = st?.availableReplicas ?? 0;
  if (prev.replicas !== ts.replicas || prev.updatedReplicas !== ts.updatedReplicas || prev.readyReplicas !== ts.readyReplicas || prev.availableReplicas !== ts.availableReplicas) ts.lastTransitionTime = now;

  if (!isTemplateStatusCompleted(ts.status)) {
    if (desired === ts.availableReplicas) {
      ts.status = experimentPassedDuration(c.ex, c.ex.status, c.now).passed || c.terminating ? TEMPLATE_STATUS.Successful : TEMPLATE_STATUS.Running;
    } else {
      const from = parseMetaTime(ts.lastTransitionTime as string | undefined) ?? c.now;
      const deadlineSeconds = getExperimentProgressDeadlineSecondsOrDefault(c.ex);
      if (c.now > from + deadlineSeconds * 1000) {
        ts.status = TEMPLATE_STATUS.Failed;
        ts.message = `Template '${template.name}' exceeded its progressDeadlineSeconds (${deadlineSeconds})`;
      } else {
        ts.status = c.terminating ? TEMPLATE_STATUS.Successful : TEMPLATE_STATUS.Progressing;
      }
    }
  }
  if (prev.status !== ts.status) {
    const message = `Template '${template.name}' transitioned from ${prev.status ?? ''} -> ${ts.status ?? ''}${ts.message ? `: ${ts.message}` : ''}`;
    c.event(`Template${ts.status ?? ''}`, message, ts.status === TEMPLATE_STATUS.Failed || ts.status === TEMPLATE_STATUS.Error ? 'Warning' : 'Normal');
  }
  setTemplateStatus(c.next, ts);
}

function rolloutOwner(ex: Experiment): { name: string; uid: string } | undefined {
  const ref = (ex.metadata?.ownerReferences ?? []).find((o) => o.kind === 'Rollout');
  return ref === undefined ? undefined : { name: ref.name, uid: ref.uid };
}

function reconcileAnalysisRun(c: ExperimentContext, analysis: ExperimentAnalysisTemplateRef): void {
  const prev: ExperimentAnalysisRunStatus = getExperimentAnalysisRunStatus(c.ex.status, analysis.name) ?? { name: analysis.name, analysisRun: '', phase: '' as AnalysisPhase };
  const next: ExperimentAnalysisRunStatus = structuredClone(prev);
  const finish = (): void => {
    if (prev.phase !== next.phase && next.phase !== ('' as AnalysisPhase)) {
      const message = `AnalysisRun '${analysis.name}' transitioned from ${prev.phase} -> ${next.phase}${next.message ? `: ${next.message}` : ''}`;
      const warn = next.phase === ANALYSIS_PHASE.Failed || next.phase === ANALYSIS_PHASE.Error || next.phase === ANALYSIS_PHASE.Inconclusive;
      c.event(`AnalysisRun${next.phase}`, message, warn ? 'Warning' : 'Normal');
      const owner = rolloutOwner(c.ex);
      if (owner !== undefined) c.actions.push({ kind: EX_ACTION.Event, type: 'Warning', reason: `AnalysisRun${next.phase}`, message, rollout: owner });
    }
    setAnalysisRunStatus(c.next, next);
  };
  const ns = c.ex.metadata?.namespace ?? '';
  if (c.ex.status?.availableAt === undefined) {
    const found = analysis.clusterScope === true ? c.snap.templates.clusterAnalysisTemplate(analysis.templateName) : c.snap.templates.analysisTemplate(ns, analysis.templateName);
    if (found === undefined) {
      const kind = analysis.clusterScope === true ? 'ClusterAnalysisTemplate' : 'AnalysisTemplate';
      const resource = analysis.clusterScope === true ? 'clusteranalysistemplate' : 'analysistemplate';
      next.phase = ANALYSIS_PHASE.Error;
      next.message = `${kind} verification failed for analysis '${analysis.name}': ${resource}.argoproj.io "${analysis.templateName}" not found`;
    }
    finish();
    return;
  }
  if (prev.analysisRun === '') {
    if (c.terminating) return finish();
    const outcome = c.snap.created?.analysisRuns.get(analysis.name);
    const built = outcome === undefined ? buildExperimentAnalysisRun({ experiment: c.ex, analysis, templateRSs: c.templateRSs, templates: c.snap.templates }) : undefined;
    // the run as created (its name may be a collision name), or the build/create error
    const run = outcome ?? built;
    if (run === undefined) return finish();
    if (!run.ok) {
      next.phase = ANALYSIS_PHASE.Error;
      next.message = `Failed to create AnalysisRun for analysis '${analysis.name}': ${run.error}`;
    } else {
      if (outcome === undefined) c.actions.push({ kind: EX_ACTION.CreateAnalysisRun, analysis: analysis.name, run: run.value });
      next.phase = ANALYSIS_PHASE.Pending;
      next.analysisRun = run.value.metadata?.name ?? '';
    }
    return finish();
  }
  if (isAnalysisPhaseCompleted(prev.phase)) return finish();
  const run = c.snap.analysisRuns.find((r) => r.metadata?.name === prev.analysisRun);
  if (run === undefined) {
    // not in the cache, and the live GET failed (deleted): the analysis is in Error
    const lookupError = c.snap.analysisRunLookupErrors?.get(prev.analysisRun);
    if (lookupError !== undefined) {
      next.phase = ANALYSIS_PHASE.Error;
      next.message = lookupError;
    } else {
      // not looked up live yet (a pure plan without the reconciler's GET): look again shortly
      c.requeues.push(RUN_CACHE_RETRY_MS);
    }
    return finish();
  }
  if (c.terminating) {
    if (!isAnalysisPhaseCompleted(run.status?.phase) && run.spec.terminate !== true) {
      c.event('AnalysisRunTerminating', `Terminating ${analysis.name} (${run.metadata?.name ?? ''})`);
      c.actions.push({ kind: EX_ACTION.PatchAnalysisRun, name: run.metadata?.name ?? '', patch: { spec: { terminate: true } } });
    }
    return finish();
  }
  const phase = run.status?.phase;
  if (phase !== undefined && (phase as string) !== '') {
    next.phase = phase;
    if (run.status?.message) next.message = run.status.message;
    else delete next.message;
  }
  finish();
}

/** Worst template status → experiment phase: Progressing → Pending, Running, Successful, Failed, Error. */
function assessTemplates(c: ExperimentContext): { phase: AnalysisPhase; message: string } {
  let worst: TemplateStatusCode = TEMPLATE_STATUS.Successful;
  let message = '';
  for (const t of c.ex.spec.templates) {
    const ts = getExperimentTemplateStatus(c.next, t.name);
    if (ts === undefined) {
      if (templateIsWorse(worst, TEMPLATE_STATUS.Progressing)) worst = TEMPLATE_STATUS.Progressing;
    } else if (templateIsWorse(worst, ts.status)) {
      worst = ts.status ?? worst;
      message = ts.message ?? '';
    }
  }
  const phase: AnalysisPhase =
    worst === TEMPLATE_STATUS.Progressing ? ANALYSIS_PHASE.Pending : worst === TEMPLATE_STATUS.Failed ? ANALYSIS_PHASE.Failed : worst === TEMPLATE_STATUS.Error ? ANALYSIS_PHASE.Error : worst === TEMPLATE_STATUS.Successful ? ANALYSIS_PHASE.Successful : ANALYSIS_PHASE.Running;
  return { phase, message };
}

/** Worst analysis phase; all required Successful (and nothing worse than Running) → Successful; Pending → Running. */
function assessAnalysisRuns(c: ExperimentContext): { phase: AnalysisPhase; message: string } {
  let worst: AnalysisPhase = ANALYSIS_PHASE.Successful;
  let message = '';
  for (const a of c.ex.spec.analyses ?? []) {
    const as = getExperimentAnalysisRunStatus(c.next, a.name);
    if (as !== undefined && (as.phase as string) !== '' && isWorsePhase(worst, as.phase)) {
      worst = as.phase;
      message = as.message ?? '';
    }
  }
  if (requiredAnalysisRunsSuccessful(c.ex, c.next) && isWorsePhase(worst, ANALYSIS_PHASE.Running)) return { phase: ANALYSIS_PHASE.Successful, message: REQUIRED_ANALYSIS_COMPLETED_MESSAGE };
  return { phase: worst === ANALYSIS_PHASE.Pending ? ANALYSIS_PHASE.Running : worst, message };
}

function calculateStatus(c: ExperimentContext): void {
  const next = c.next;
  const phase = next.phase ?? ('' as AnalysisPhase);
  if ((phase as string) === '') {
    next.phase = ANALYSIS_PHASE.Pending;
  } else if (phase === ANALYSIS_PHASE.Pending || phase === ANALYSIS_PHASE.Running) {
    const t = assessTemplates(c);
    const a = assessAnalysisRuns(c);
    if (t.phase === ANALYSIS_PHASE.Running && next.availableAt === undefined) next.availableAt = metaTime(c.now);
    let chosen: { phase: AnalysisPhase; message: string };
    if (isAnalysisPhaseCompleted(t.phase)) {
      const analysesDone = isAnalysisPhaseCompleted(a.phase) || hasRequiredAnalysisRuns(c.ex);
      chosen = t.phase === ANALYSIS_PHASE.Successful && analysesDone ? a : t;
    } else if ((isAnalysisPhaseCompleted(a.phase) && a.phase !== ANALYSIS_PHASE.Successful) || requiredAnalysisRunsSuccessful(c.ex, next)) {
      chosen = a;
    } else {
      chosen = t;
    }
    next.phase = chosen.phase;
    if (chosen.message !== '') next.message = chosen.message;
    else delete next.message;
  }
  calculateExperimentConditions(c.ex, next, c.now);
}

/** Requeue at the end of the duration, or at the earliest template progress deadline (not while terminating). */
function calculateEnqueueDelay(c: ExperimentContext): number | undefined {
  const ex: Experiment = { ...c.ex, status: c.next };
  if (isExperimentTerminating(ex)) return undefined;
  const candidates: number[] = [];
  if (c.next.availableAt !== undefined && (ex.spec.duration ?? '') !== '') {
    const { passed, remainingMs } = experimentPassedDuration(ex, c.next, c.now);
    if (!passed) candidates.push(remainingMs + 1);
  }
  const deadlineMs = getExperimentProgressDeadlineSecondsOrDefault(ex) * 1000;
  for (const t of ex.spec.templates) {
    const ts = getExperimentTemplateStatus(c.next, t.name);
    if (ts === undefined || (ts.status !== TEMPLATE_STATUS.Progressing && ts.status !== TEMPLATE_STATUS.Running)) continue;
    const from = parseMetaTime(ts.lastTransitionTime as string | undefined);
    if (ts.availableReplicas !== calculateTemplateReplicasCount(ex, t) && from !== undefined) candidates.push(from + deadlineMs - c.now + 1);
  }
  return candidates.length === 0 ? undefined : Math.max(0, Math.min(...candidates));
}

function persist(c: ExperimentContext): void {
  const diff = jsonMergeDiff(c.ex.status ?? {}, c.next);
  if (Object.keys(diff).length === 0) return;
  c.actions.push({ kind: EX_ACTION.PatchExperiment, patch: { status: diff } });
  const prevPhase = c.ex.status?.phase ?? '';
  const phase = c.next.phase ?? '';
  if (prevPhase !== phase) {
    const warn = phase === ANALYSIS_PHASE.Error || phase === ANALYSIS_PHASE.Failed || phase === ANALYSIS_PHASE.Inconclusive;
    c.event(`Experiment${phase}`, `Experiment transitioned from ${prevPhase} -> ${phase}`, warn ? 'Warning' : 'Normal');
  }
}

/** Decide one Experiment reconcile. */
export function planExperimentReconcile(snap: ExperimentSnapshot): ExperimentPlan {
  const c = new ExperimentContext(snap);
  const ex = snap.experiment;
  if (ex.metadata?.deletionTimestamp !== undefined) return { actions: [] };
  const invalid = verifyExperimentSpec(ex);
  if (invalid !== undefined) {
    const prev = getExperimentCondition(ex.status, 'InvalidSpec');
    if (prev !== undefined && prev.message !== invalid) removeExperimentCondition(c.next, 'InvalidSpec');
    setExperimentCondition(c.next, prev !== undefined && prev.message === invalid ? prev : newExperimentCondition('InvalidSpec', 'True', 'InvalidSpec', invalid, c.now));
    persist(c);
    return { actions: c.actions };
  }
  for (const template of ex.spec.templates) reconcileTemplate(c, template);
  for (const analysis of ex.spec.analyses ?? []) reconcileAnalysisRun(c, analysis);
  calculateStatus(c);
  const delay = calculateEnqueueDelay(c);
  if (delay !== undefined) c.requeues.push(delay);
  persist(c);
  const requeueAfterMs = c.requeues.length === 0 ? undefined : Math.min(...c.requeues);
  return requeueAfterMs === undefined ? { actions: c.actions } : { actions: c.actions, requeueAfterMs };
}
