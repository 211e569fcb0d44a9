/**
 * Fixture builders with named options (nothing positional). Rollouts are shaped as `kubectl apply` stores them.
 */
import type { V1Deployment, V1ReplicaSet } from '@kubernetes/client-node';
import type { CanaryStep, IntOrString, Rollout, RolloutStatus } from '@serin/api';

export interface RolloutOptions {
  name?: string;
  /** Omit to leave `spec.replicas` unset. */
  replicas?: number | null;
  image?: string;
  steps?: CanaryStep[];
  maxSurge?: IntOrString;
  maxUnavailable?: IntOrString;
  paused?: boolean;
  generation?: number;
  revisionHistoryLimit?: number;
  progressDeadlineSeconds?: number;
  progressDeadlineAbort?: boolean;
  rollbackWindowRevisions?: number;
  restartAt?: string;
  annotations?: Record<string, string>;
  status?: RolloutStatus;
}

/** The seed's canary steps (S1): 20 / pause{} / 40 / pause 10 / 60 / pause 10 / 80 / pause 10. */
export const SEED_STEPS: CanaryStep[] = [
  { setWeight: 20 },
  { pause: {} },
  { setWeight: 40 },
  { pause: { duration: 10 } },
  { setWeight: 60 },
  { pause: { duration: 10 } },
  { setWeight: 80 },
  { pause: { duration: 10 } },
];

export function aRollout(options: RolloutOptions = {}): Rollout {
  const name = options.name ?? 'guestbook';
  const labels = { app: name };
  const canary = {
    ...(options.steps === undefined ? {} : { steps: options.steps }),
    ...(options.maxSurge === undefined ? {} : { maxSurge: options.maxSurge }),
    ...(options.maxUnavailable === undefined ? {} : { maxUnavailable: options.maxUnavailable }),
  };
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      generation: options.generation ?? 1,
      creationTimestamp: '2026-11-27T09:00:00Z' as unknown as Date,
      ...(options.annotations === undefined ? {} : { annotations: options.annotations }),
    },
    spec: {
      ...(options.replicas === null ? {} : { replicas: options.replicas ?? 5 }),
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { containers: [{ name, image: options.image ?? 'nginx:1.19', ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }], resources: {} }] },
      },
      strategy: { canary },
      ...(options.paused === undefined ? {} : { paused: options.paused }),
      ...(options.revisionHistoryLimit === undefined ? {} : { revisionHistoryLimit: options.revisionHistoryLimit }),
      ...(options.progressDeadlineSeconds === undefined ? {} : { progressDeadlineSeconds: options.progressDeadlineSeconds }),
      ...(options.progressDeadlineAbort === undefined ? {} : { progressDeadlineAbort: options.progressDeadlineAbort }),
      ...(options.rollbackWindowRevisions === undefined ? {} : { rollbackWindow: { revisions: options.rollbackWindowRevisions } }),
      ...(options.restartAt === undefined ? {} : { restartAt: options.restartAt }),
    },
    ...(options.status === undefined ? {} : { status: options.status }),
  };
}

export interface ArgoReplicaSetOptions {
  rolloutName?: string;
  /** The `rollouts-pod-template-hash` Argo computed. */
  hash: string;
  revision: number;
  replicas: number;
  image: string;
  /** Earlier revisions when Argo reused the RS (`revision-history`). */
  revisionHistory?: string;
  createdAt?: string;
  /** Pods up and available (status), default = replicas. */
  available?: number;
}

/**
 * A ReplicaSet laid out exactly as Argo Rollouts leaves it (hand-written, not produced by Serin's builder):
 * name `<rollout>-<hash>`, hash label on labels/selector/template, revision + desired-replicas annotations,
 * controller ownerReference, status from the ReplicaSet controller.
 */
export function anArgoReplicaSet(options: ArgoReplicaSetOptions): V1ReplicaSet {
  const ro = options.rolloutName ?? 'guestbook';
  const name = `${ro}-${options.hash}`;
  const available = options.available ?? options.replicas;
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      generation: 1,
      creationTimestamp: (options.createdAt ?? '2026-11-27T09:00:00Z') as unknown as Date,
      labels: { app: ro, 'rollouts-pod-template-hash': options.hash },
      annotations: {
        'rollout.argoproj.io/desired-replicas': String(options.replicas),
        'rollout.argoproj.io/revision': String(options.revision),
        ...(options.revisionHistory === undefined ? {} : { 'rollout.argoproj.io/revision-history': options.revisionHistory }),
      },
      ownerReferences: [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: ro, uid: `uid-${ro}`, controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      replicas: options.replicas,
      selector: { matchLabels: { app: ro, 'rollouts-pod-template-hash': options.hash } },
      template: {
        metadata: { labels: { app: ro, 'rollouts-pod-template-hash': options.hash } },
        // as the API server stores it: pod defaults applied
        spec: {
          containers: [
            {
              name: ro,
              image: options.image,
              ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }],
              resources: {},
              terminationMessagePath: '/dev/termination-log',
              terminationMessagePolicy: 'File',
              imagePullPolicy: 'IfNotPresent',
            },
          ],
          restartPolicy: 'Always',
          terminationGracePeriodSeconds: 30,
          dnsPolicy: 'ClusterFirst',
          securityContext: {},
          schedulerName: 'default-scheduler',
        },
      },
    },
    status: { replicas: available, readyReplicas: available, availableReplicas: available, fullyLabeledReplicas: available, observedGeneration: 1 },
  };
}

/** A Deployment as `kubectl apply` leaves it (seed S2 references one by name from `workloadRef`). */
export function aDeployment(options: { name?: string; replicas?: number; image?: string; generation?: number } = {}): V1Deployment {
  const name = options.name ?? 'guestbook';
  const labels = { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', uid: `uid-deploy-${name}`, generation: options.generation ?? 1 },
    spec: {
      replicas: options.replicas ?? 3,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name, image: options.image ?? 'nginx:1.19', ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }], resources: {} }] } },
    },
  };
}

/** A Rollout that takes its template from Deployment `name` (no selector, no template). */
export function aWorkloadRefRollout(options: { name?: string; replicas?: number; steps?: CanaryStep[]; scaleDown?: 'never' | 'onsuccess' | 'progressively' } = {}): Rollout {
  const ro = aRollout({ name: options.name ?? 'guestbook', replicas: options.replicas ?? 3, ...(options.steps === undefined ? {} : { steps: options.steps }) });
  delete ro.spec.selector;
  delete ro.spec.template;
  ro.spec.workloadRef = { apiVersion: 'apps/v1', kind: 'Deployment', name: options.name ?? 'guestbook', ...(options.scaleDown === undefined ? {} : { scaleDown: options.scaleDown }) };
  return ro;
}
