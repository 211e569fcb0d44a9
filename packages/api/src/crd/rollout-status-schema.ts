/**
 * Schema of `Rollout.status`.
 * parity: argo-rollouts manifests/crds/rollout-crd.yaml
 */
import type {
  ALBStatus,
  AwsResourceRef,
  BlueGreenStatus,
  CanaryStatus,
  PauseCondition,
  RolloutAnalysisRunStatus,
  RolloutCondition,
  RolloutDurationStatus,
  RolloutStatus,
  StepPluginStatus,
  TrafficWeights,
  WeightDestination,
} from '../types/rollout-status.js';
import { arrayOf, boolean, dateTime, freeformObject, int32, int64, type JSONSchemaProps, object, string } from './schema.js';

const runStatus = (): JSONSchemaProps =>
  object<RolloutAnalysisRunStatus>({ name: string(), status: string(), message: string() }, ['name', 'status']);

const weightDestination = (): JSONSchemaProps =>
  object<WeightDestination>({ weight: int32(), serviceName: string(), podTemplateHash: string() }, ['weight']);

const awsRef = (): JSONSchemaProps => object<AwsResourceRef>({ name: string(), arn: string(), fullName: string() }, ['arn', 'name']);

const albStatus = (): JSONSchemaProps =>
  object<ALBStatus>({ loadBalancer: awsRef(), canaryTargetGroup: awsRef(), stableTargetGroup: awsRef(), ingress: string() });

export const rolloutStatus = (): JSONSchemaProps =>
  object<RolloutStatus>({
    abort: boolean(),
    pauseConditions: arrayOf(object<PauseCondition>({ reason: string(), startTime: dateTime() }, ['reason', 'startTime'])),
    controllerPause: boolean(),
    abortedAt: dateTime(),
    currentPodHash: string(),
    currentStepHash: string(),
    replicas: int32(),
    updatedReplicas: int32(),
    readyReplicas: int32(),
    availableReplicas: int32(),
    currentStepIndex: int32(),
    collisionCount: int32(),
    observedGeneration: string(),
    conditions: arrayOf(
      object<RolloutCondition>(
        {
          type: string(),
          status: string(),
          lastUpdateTime: dateTime(),
          lastTransitionTime: dateTime(),
          reason: string(),
          message: string(),
        },
        ['lastTransitionTime', 'lastUpdateTime', 'message', 'reason', 'status', 'type'],
      ),
    ),
    canary: object<CanaryStatus>({
      currentStepAnalysisRunStatus: runStatus(),
      currentBackgroundAnalysisRunStatus: runStatus(),
      currentExperiment: string(),
      weights: object<TrafficWeights>(
        {
          canary: weightDestination(),
          stable: weightDestination(),
          additional: arrayOf(weightDestination()),
          verified: boolean(),
        },
        ['canary', 'stable'],
      ),
      stablePingPong: string(),
      stepPluginStatuses: arrayOf(
        object<StepPluginStatus>(
          {
            index: int32(),
            name: string(),
            operation: string(),
            phase: string(),
            message: string(),
            startedAt: dateTime(),
            updatedAt: dateTime(),
            finishedAt: dateTime(),
            backoff: string(),
            executions: int32(),
            disabled: boolean(),
            status: freeformObject(),
          },
          ['index', 'name', 'operation'],
        ),
      ),
    }),
    blueGreen: object<BlueGreenStatus>({
      previewSelector: string(),
      activeSelector: string(),
      scaleUpPreviewCheckPoint: boolean(),
      prePromotionAnalysisRunStatus: runStatus(),
      postPromotionAnalysisRunStatus: runStatus(),
    }),
    HPAReplicas: int32(),
    selector: string(),
    stableRS: string(),
    restartedAt: dateTime(),
    promoteFull: boolean(),
    phase: string(),
    message: string(),
    workloadObservedGeneration: string(),
    alb: albStatus(),
    albs: arrayOf(albStatus()),
    duration: object<RolloutDurationStatus>({
      rolloutStartedAt: dateTime(),
      manualPauseStartedAt: dateTime(),
      totalManualPauseDurationSeconds: int64(),
      finishedAt: dateTime(),
      completionStatus: string(),
    }),
  });
