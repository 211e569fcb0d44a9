/** Test-only: a Rollout with every field the TS types declare (see `Complete`). Values are arbitrary. */
import type { Rollout } from '../types/rollout.js';
import type { RolloutAnalysis } from '../types/rollout-analysis.js';
import type { RolloutAnalysisRunStatus, ALBStatus, WeightDestination } from '../types/rollout-status.js';
import type { PodTemplateMetadata } from '../types/common.js';
import type { Complete } from './complete.js';

const meta: Complete<PodTemplateMetadata> = { labels: { a: 'b' }, annotations: { c: 'd' } };
const T = '2026-11-27T10:00:00Z';

const analysis: Complete<RolloutAnalysis> = {
  templates: [{ templateName: 't', clusterScope: false }],
  args: [{ name: 'a', value: 'v', valueFrom: { podTemplateHashValue: 'Stable', fieldRef: { fieldPath: 'metadata.name' } } }],
  dryRun: [{ metricName: 'm' }],
  measurementRetention: [{ metricName: 'm', limit: 5 }],
  analysisRunMetadata: meta,
};

const runStatus: Complete<RolloutAnalysisRunStatus> = { name: 'r', status: 'Running', message: 'm' };
const aws = { name: 'n', arn: 'arn', fullName: 'f' };
const alb: Complete<ALBStatus> = { loadBalancer: aws, canaryTargetGroup: aws, stableTargetGroup: aws, ingress: 'i' };
const weight: Complete<WeightDestination> = { weight: 10, serviceName: 's', podTemplateHash: 'h' };
const antiAffinity = {
  preferredDuringSchedulingIgnoredDuringExecution: { weight: 50 },
  requiredDuringSchedulingIgnoredDuringExecution: {},
};
const match = { exact: 'e', prefix: 'p', regex: 'r' };

export const COMPLETE_ROLLOUT: Complete<Rollout> = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  metadata: { name: 'complete' },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'a' } },
    template: { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'a', image: 'nginx' }] } },
    workloadRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'd', scaleDown: 'never' },
    minReadySeconds: 1,
    rollbackWindow: { revisions: 2 },
    strategy: {
      blueGreen: {
        activeService: 'active',
        previewService: 'preview',
        previewReplicaCount: 1,
        autoPromotionEnabled: false,
        autoPromotionSeconds: 30,
        maxUnavailable: '25%',
        scaleDownDelaySeconds: 30,
        scaleDownDelayRevisionLimit: 2,
        prePromotionAnalysis: analysis,
        antiAffinity,
        postPromotionAnalysis: analysis,
        previewMetadata: meta,
        activeMetadata: meta,
        abortScaleDownDelaySeconds: 30,
      },
      canary: {
        canaryService: 'canary',
        stableService: 'stable',
        steps: [
          {
            setWeight: 20,
            pause: { duration: '10s' },
            experiment: {
              templates: [
                {
                  name: 't',
                  specRef: 'canary',
                  replicas: 1,
                  metadata: meta,
                  selector: { matchLabels: { app: 'a' } },
                  weight: 10,
                  service: { name: 's' },
                },
              ],
              duration: '1m',
              analyses: [{ name: 'a', templateName: 't', clusterScope: true, args: analysis.args, requiredForCompletion: true }],
              dryRun: [{ metricName: 'm' }],
              analysisRunMetadata: meta,
              scaleDownDelaySeconds: 30,
            },
            analysis,
            setCanaryScale: { weight: 10, replicas: 1, matchTrafficWeight: true },
            setHeaderRoute: { name: 'h', match: [{ headerName: 'x', headerValue: match }] },
            setMirrorRoute: { name: 'm', match: [{ method: match, path: match, headers: { x: match } }], percentage: 50 },
            plugin: { name: 'p', config: { any: ['json'] } },
          },
        ],
        trafficRouting: {
          istio: {
            virtualService: { name: 'vs', routes: ['r'], tlsRoutes: [{ port: 443, sniHosts: ['h'] }], tcpRoutes: [{ port: 80 }] },
            virtualServices: [{ name: 'vs', routes: ['r'], tlsRoutes: [{ port: 443, sniHosts: ['h'] }], tcpRoutes: [{ port: 80 }] }],
            destinationRule: { name: 'dr', canarySubsetName: 'c', stableSubsetName: 's', additionalSubsetNames: ['x'] },
          },
          nginx: {
            annotationPrefix: 'p',
            stableIngress: 'i',
            stableIngresses: ['i'],
            additionalIngressAnnotations: { a: 'b' },
            canaryIngressAnnotations: { c: 'd' },
          },
          alb: {
            ingress: 'i',
            ingresses: ['i'],
            servicePort: 80,
            rootService: 'r',
            annotationPrefix: 'p',
            stickinessConfig: { enabled: true, durationSeconds: 60 },
          },
          smi: { rootService: 'r', trafficSplitName: 't' },
          ambassador: { mappings: ['m'] },
          appMesh: {
            virtualService: { name: 'vs', routes: ['r'] },
            virtualNodeGroup: { canaryVirtualNodeRef: { name: 'c' }, stableVirtualNodeRef: { name: 's' } },
          },
          traefik: { weightedTraefikServiceName: 't' },
          managedRoutes: [{ name: 'h' }],
          apisix: { route: { name: 'r', rules: ['x'] } },
          plugins: { 'argoproj-labs/gatewayAPI': { httpRoute: 'r' } },
          maxTrafficWeight: 100,
        },
        maxUnavailable: 1,
        maxSurge: '25%',
        analysis: { ...analysis, startingStep: 1 },
        antiAffinity,
        canaryMetadata: meta,
        stableMetadata: meta,
        scaleDownDelaySeconds: 30,
        scaleDownDelayRevisionLimit: 2,
        abortScaleDownDelaySeconds: 30,
        dynamicStableScale: true,
        pingPong: { pingService: 'ping', pongService: 'pong' },
        minPodsPerReplicaSet: 2,
        replicaProgressThreshold: { type: 'Percent', value: 90 },
      },
    },
    revisionHistoryLimit: 10,
    paused: false,
    progressDeadlineSeconds: 600,
    progressDeadlineAbort: true,
    restartAt: T,
    analysis: { successfulRunHistoryLimit: 5, unsuccessfulRunHistoryLimit: 5 },
  },
  status: {
    abort: false,
    pauseConditions: [{ reason: 'CanaryPauseStep', startTime: T }],
    controllerPause: true,
    abortedAt: T,
    currentPodHash: 'h',
    currentStepHash: 's',
    replicas: 3,
    updatedReplicas: 1,
    readyReplicas: 3,
    availableReplicas: 3,
    currentStepIndex: 1,
    collisionCount: 0,
    observedGeneration: '3',
    conditions: [
      { type: 'Progressing', status: 'True', lastUpdateTime: T, lastTransitionTime: T, reason: 'r', message: 'm' },
    ],
    canary: {
      currentStepAnalysisRunStatus: runStatus,
      currentBackgroundAnalysisRunStatus: runStatus,
      currentExperiment: 'e',
      weights: { canary: weight, stable: weight, additional: [weight], verified: true },
      stablePingPong: 'ping',
      stepPluginStatuses: [
        {
          index: 0,
          name: 'p',
          operation: 'Run',
          phase: 'Running',
          message: 'm',
          startedAt: T,
          updatedAt: T,
          finishedAt: T,
          backoff: '5s',
          executions: 1,
          disabled: false,
          status: { any: 1 },
        },
      ],
    },
    blueGreen: {
      previewSelector: 'p',
      activeSelector: 'a',
      scaleUpPreviewCheckPoint: true,
      prePromotionAnalysisRunStatus: runStatus,
      postPromotionAnalysisRunStatus: runStatus,
    },
    HPAReplicas: 3,
    selector: 'app=a',
    stableRS: 'h',
    restartedAt: T,
    promoteFull: false,
    phase: 'Paused',
    message: 'CanaryPauseStep',
    workloadObservedGeneration: '1',
    alb,
    albs: [alb],
    duration: {
      rolloutStartedAt: T,
      manualPauseStartedAt: T,
      totalManualPauseDurationSeconds: 10,
      finishedAt: T,
      completionStatus: 'Promoted',
    },
  },
};
