/** Builders for the rollout decider tests (named options; unset stays unset). */
import type { V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import type { CanaryStep, Rollout, RolloutStatus } from '@serin/api';

export interface RolloutOptions {
  replicas?: number;
  steps?: CanaryStep[];
  image?: string;
  annotations?: Record<string, string>;
  status?: RolloutStatus;
  generation?: number;
  paused?: boolean;
  revisionHistoryLimit?: number;
  restartAt?: string;
  maxUnavailable?: number | string;
  minReadySeconds?: number;
}

export function aRollout(o: RolloutOptions = {}): Rollout {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name: 'ro', namespace: 'ns', uid: 'ro-uid', generation: o.generation ?? 1, ...(o.annotations === undefined ? {} : { annotations: o.annotations }) },
    spec: {
      replicas: o.replicas ?? 4,
      selector: { matchLabels: { app: 'ro' } },
      template: { metadata: { labels: { app: 'ro' } }, spec: { containers: [{ name: 'c', image: o.image ?? 'img:1' }] } },
      strategy: { canary: { ...(o.steps === undefined ? {} : { steps: o.steps }), ...(o.maxUnavailable === undefined ? {} : { maxUnavailable: o.maxUnavailable }) } },
      ...(o.paused === undefined ? {} : { paused: o.paused }),
      ...(o.revisionHistoryLimit === undefined ? {} : { revisionHistoryLimit: o.revisionHistoryLimit }),
      ...(o.restartAt === undefined ? {} : { restartAt: o.restartAt }),
      ...(o.minReadySeconds === undefined ? {} : { minReadySeconds: o.minReadySeconds }),
    },
    ...(o.status === undefined ? {} : { status: o.status }),
  };
}

export interface ReplicaSetOptions {
  name: string;
  hash?: string;
  revision?: number | string;
  replicas?: number;
  available?: number;
  statusReplicas?: number;
  createdAt?: string;
  image?: string;
  ownerUid?: string;
  annotations?: Record<string, string>;
  generation?: number;
  observedGeneration?: number;
}

export function aReplicaSet(o: ReplicaSetOptions): V1ReplicaSet {
  const labels = { app: 'ro', ...(o.hash === undefined ? {} : { 'rollouts-pod-template-hash': o.hash }) };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: o.name,
      namespace: 'ns',
      uid: `${o.name}-uid`,
      generation: o.generation ?? 1,
      creationTimestamp: (o.createdAt ?? '2026-01-01T00:00:00Z') as unknown as Date,
      labels,
      annotations: { ...(o.revision === undefined ? {} : { 'rollout.argoproj.io/revision': String(o.revision) }), ...(o.annotations ?? {}) },
      ownerReferences: [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'ro', uid: o.ownerUid ?? 'ro-uid', controller: true }],
    },
    spec: {
      replicas: o.replicas ?? 0,
      selector: { matchLabels: labels },
      // stored as the API server defaults it
      template: {
        metadata: { labels },
        spec: {
          containers: [{ name: 'c', image: o.image ?? 'img:1', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent' }],
          restartPolicy: 'Always',
          terminationGracePeriodSeconds: 30,
          dnsPolicy: 'ClusterFirst',
          securityContext: {},
          schedulerName: 'default-scheduler',
        },
      },
    },
    status: { replicas: o.statusReplicas ?? o.available ?? o.replicas ?? 0, availableReplicas: o.available ?? o.replicas ?? 0, observedGeneration: o.observedGeneration ?? 1 },
  };
}

export function aPod(name: string, createdAt: string, ready = true): V1Pod {
  return {
    metadata: { name, namespace: 'ns', creationTimestamp: createdAt as unknown as Date },
    status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: createdAt as unknown as Date }] },
  };
}
