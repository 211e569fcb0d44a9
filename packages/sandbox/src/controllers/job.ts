import { deepEqual } from '../ops/object-meta.js';
import type { StoreChange } from '../store.js';
import { ChangeType } from '../store.js';
import type { JsonObject, KubeObject } from '../types.js';
import { isRecord } from '../types.js';
import type { Controller, ControllerContext, Types } from './context.js';
import { Bucket, FieldManager, isDeleting, parseTime, timestamp } from './context.js';
import { buildJobStatus, countJobPods, decideJob, jobFinishedAtMs, jobOutcome, jobSpec } from './job-status.js';
import { controllerRef, nsKey, splitNsKey } from './object-index.js';
import { isPodActive } from './replica-set-status.js';
import { WorkQueue } from './work-queue.js';

/** A Job pod: template plus the labels the Job API adds (`batch.kubernetes.io/job-name`, controller uid). */
export function jobPod(job: KubeObject): KubeObject {
  const spec = isRecord(job['spec']) ? job['spec'] : {};
  const template = isRecord(spec['template']) ? spec['template'] : {};
  const meta = isRecord(template['metadata']) ? template['metadata'] : {};
  const name = job.metadata.name ?? '';
  const uid = job.metadata.uid ?? '';
  const labels = {
    ...(isRecord(meta['labels']) ? (meta['labels'] as Record<string, string>) : {}),
    'batch.kubernetes.io/controller-uid': uid,
    'batch.kubernetes.io/job-name': name,
    'controller-uid': uid,
    'job-name': name,
  };
  const ownerRef: JsonObject = { apiVersion: 'batch/v1', kind: 'Job', name, uid, controller: true, blockOwnerDeletion: true };
  const metadata: KubeObject['metadata'] = { generateName: `${name}-`, labels, ownerReferences: [ownerRef] };
  if (isRecord(meta['annotations'])) metadata.annotations = structuredClone(meta['annotations']) as Record<string, string>;
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: structuredClone(isRecord(template['spec']) ? template['spec'] : {}) };
}

/**
 * Job controller: keeps the wanted number of pods running (`decideJob`), marks the Job Complete or Failed
 * (backoffLimit, activeDeadlineSeconds — active pods are then deleted), and deletes finished Jobs
 * ttlSecondsAfterFinished after they finished. The pods' outcome comes from the simulated kubelet.
 * Failed pods are replaced at once (no exponential back-off delay).
 */
export function jobController(ctx: ControllerContext, types: Types): Controller {
  const { api, index } = ctx;
  const queue = new WorkQueue(sync);

  function pods(job: KubeObject): KubeObject[] {
    const uid = job.metadata.uid ?? '';
    const out: KubeObject[] = [];
    for (const ref of index.dependents(uid)) {
      const pod = ref.resource === Bucket.Pods ? api.ctx.store.get(Bucket.Pods, ref.namespace, ref.name) : undefined;
      if (pod !== undefined && controllerRef(pod)?.uid === uid) out.push(pod);
    }
    return out;
  }

  function sync(key: string): void {
    const [namespace, name] = splitNsKey(key);
    const job = api.ctx.store.get(Bucket.Jobs, namespace, name);
    if (job === undefined || isDeleting(job)) return;
    const spec = jobSpec(job);
    const nowMs = ctx.now().getTime();
    if (jobOutcome(job) !== undefined) {
      const finished = jobFinishedAtMs(job);
      if (spec.ttlSecondsAfterFinished === undefined || finished === undefined) return;
      const dueInMs = finished + spec.ttlSecondsAfterFinished * 1000 - nowMs;
      if (dueInMs > 0) queue.addAfter(key, dueInMs);
      else api.delete(types.jobs, namespace, name, { propagationPolicy: 'Background', preconditions: { uid: job.metadata.uid ?? '' } });
      return;
    }
    const status = isRecord(job['status']) ? job['status'] : {};
    const startTime = typeof status['startTime'] === 'string' ? status['startTime'] : timestamp(ctx.now());
    const startedAtMs = parseTime(startTime) ?? nowMs;
    const owned = pods(job);
    const decision = decideJob(spec, countJobPods(owned), startedAtMs, nowMs);
    if (decision.kind === 'run') {
      for (let i = 0; i < decision.create; i++) api.create(types.pods, namespace, jobPod(job), { fieldManager: FieldManager.Controller });
      if (decision.deadlineInMs !== undefined) queue.addAfter(key, Math.max(1, decision.deadlineInMs));
    } else if (decision.kind === 'fail') {
      for (const pod of owned.filter(isPodActive)) api.delete(types.pods, namespace, pod.metadata.name ?? '', {});
    }
    const next = buildJobStatus(job, countJobPods(pods(job)), startTime, decision, timestamp(ctx.now()));
    if (!deepEqual(next, job['status'])) {
      api.update(types.jobs, namespace, name, { ...job, status: next }, { subresource: 'status', fieldManager: FieldManager.Controller });
    }
    if (decision.kind !== 'run' && spec.ttlSecondsAfterFinished !== undefined) queue.add(key);
  }

  return {
    name: 'job',
    onChange(change: StoreChange): void {
      if (change.resource === Bucket.Jobs) {
        if (change.type !== ChangeType.Deleted) queue.add(nsKey(change.object));
        return;
      }
      if (change.resource !== Bucket.Pods) return;
      const ref = controllerRef(change.object);
      if (ref?.kind === 'Job') queue.add(`${change.object.metadata.namespace ?? ''}/${ref.name}`);
    },
    resync(): void {
      for (const job of api.ctx.store.list(Bucket.Jobs)) queue.add(nsKey(job));
    },
    stop(): void {
      queue.stop();
    },
  };
}
