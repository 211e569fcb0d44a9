/**
 * Schema of the Rollout kind: spec (strategy, steps, analysis) and status.
 * parity: argo-rollouts manifests/crds/rollout-crd.yaml
 */
import type { ObjectRef, RollbackWindowSpec, Rollout, RolloutSpec } from '../types/rollout.js';
import type {
  AntiAffinity,
  BlueGreenStrategy,
  CanaryStrategy,
  PingPongSpec,
  PreferredDuringSchedulingIgnoredDuringExecution,
  ReplicaProgressThreshold,
  RolloutStrategy,
} from '../types/strategy.js';
import type {
  CanaryStep,
  HeaderRoutingMatch,
  PluginStep,
  RolloutExperimentStep,
  RolloutExperimentStepAnalysisTemplateRef,
  RolloutExperimentTemplate,
  RolloutPause,
  RouteMatch,
  SetCanaryScale,
  SetHeaderRoute,
  SetMirrorRoute,
  StringMatch,
} from '../types/canary-step.js';
import type { AnalysisRunStrategy, RolloutAnalysisBackground } from '../types/rollout-analysis.js';
import {
  arrayOf,
  boolean,
  dateTime,
  freeformObject,
  int32,
  intOrString,
  type JSONSchemaProps,
  object,
  string,
} from './schema.js';
import {
  analysisRunMetadata,
  atomicSelector,
  dryRun,
  type K8sSchemas,
  podTemplateMetadata,
  rolloutAnalysis,
  rolloutAnalysisArgs,
  rolloutAnalysisProperties,
  templateService,
} from './shared-schemas.js';
import { trafficRouting } from './traffic-routing-schema.js';
import { rolloutStatus } from './rollout-status-schema.js';

const antiAffinity = (): JSONSchemaProps =>
  object<AntiAffinity>({
    preferredDuringSchedulingIgnoredDuringExecution: object<PreferredDuringSchedulingIgnoredDuringExecution>(
      { weight: int32() },
      ['weight'],
    ),
    requiredDuringSchedulingIgnoredDuringExecution: { type: 'object' },
  });

const stringMatch = (): JSONSchemaProps => object<StringMatch>({ exact: string(), prefix: string(), regex: string() });

const experimentStep = (k8s: K8sSchemas): JSONSchemaProps =>
  object<RolloutExperimentStep>(
    {
      templates: arrayOf(
        object<RolloutExperimentTemplate>(
          {
            name: string(),
            specRef: string(),
            replicas: int32(),
            metadata: podTemplateMetadata(),
            selector: atomicSelector(k8s),
            weight: int32(),
            service: templateService(),
          },
          ['name', 'specRef'],
        ),
      ),
      duration: string(),
      analyses: arrayOf(
        object<RolloutExperimentStepAnalysisTemplateRef>(
          {
            name: string(),
            templateName: string(),
            clusterScope: boolean(),
            args: rolloutAnalysisArgs(),
            requiredForCompletion: boolean(),
          },
          ['name', 'templateName'],
        ),
      ),
      dryRun: dryRun(),
      analysisRunMetadata: analysisRunMetadata(),
      scaleDownDelaySeconds: int32(),
    },
    ['templates'],
  );

const canaryStep = (k8s: K8sSchemas): JSONSchemaProps =>
  object<CanaryStep>({
    setWeight: int32(),
    pause: object<RolloutPause>({ duration: intOrString() }),
    experiment: experimentStep(k8s),
    analysis: rolloutAnalysis(),
    setCanaryScale: object<SetCanaryScale>({ weight: int32(), replicas: int32(), matchTrafficWeight: boolean() }),
    setHeaderRoute: object<SetHeaderRoute>({
      name: string(),
      match: arrayOf(
        object<HeaderRoutingMatch>({ headerName: string(), headerValue: stringMatch() }, ['headerName', 'headerValue']),
      ),
    }),
    setMirrorRoute: object<SetMirrorRoute>(
      {
        name: string(),
        match: arrayOf(
          object<RouteMatch>({
            method: stringMatch(),
            path: stringMatch(),
            headers: { type: 'object', additionalProperties: stringMatch() },
          }),
        ),
        percentage: int32(),
      },
      ['name'],
    ),
    plugin: object<PluginStep>({ name: string(), config: freeformObject() }, ['name']),
  });

const canary = (k8s: K8sSchemas): JSONSchemaProps =>
  object<CanaryStrategy>({
    canaryService: string(),
    stableService: string(),
    steps: arrayOf(canaryStep(k8s)),
    trafficRouting: trafficRouting(),
    maxUnavailable: intOrString(),
    maxSurge: intOrString(),
    analysis: object<RolloutAnalysisBackground>({ ...rolloutAnalysisProperties(), startingStep: int32() }),
    antiAffinity: antiAffinity(),
    canaryMetadata: podTemplateMetadata(),
    stableMetadata: podTemplateMetadata(),
    scaleDownDelaySeconds: int32(),
    scaleDownDelayRevisionLimit: int32(),
    abortScaleDownDelaySeconds: int32(),
    dynamicStableScale: boolean(),
    pingPong: object<PingPongSpec>({ pingService: string(), pongService: string() }, ['pingService', 'pongService']),
    minPodsPerReplicaSet: int32(),
    replicaProgressThreshold: object<ReplicaProgressThreshold>({ type: string(), value: int32() }, ['type', 'value']),
  });

const blueGreen = (): JSONSchemaProps =>
  object<BlueGreenStrategy>(
    {
      activeService: string(),
      previewService: string(),
      previewReplicaCount: int32(),
      autoPromotionEnabled: boolean(),
      autoPromotionSeconds: int32(),
      maxUnavailable: intOrString(),
      scaleDownDelaySeconds: int32(),
      scaleDownDelayRevisionLimit: int32(),
      prePromotionAnalysis: rolloutAnalysis(),
      antiAffinity: antiAffinity(),
      postPromotionAnalysis: rolloutAnalysis(),
      previewMetadata: podTemplateMetadata(),
      activeMetadata: podTemplateMetadata(),
      abortScaleDownDelaySeconds: int32(),
    },
    ['activeService'],
  );

const rolloutSpec = (k8s: K8sSchemas): JSONSchemaProps =>
  object<RolloutSpec>({
    replicas: int32(),
    selector: {
      ...atomicSelector(k8s),
      'x-kubernetes-validations': [{ rule: 'self == oldSelf', message: '.spec.selector is immutable' }],
    },
    template: k8s.podTemplateSpec,
    workloadRef: object<ObjectRef>({ apiVersion: string(), kind: string(), name: string(), scaleDown: string() }),
    minReadySeconds: int32(),
    rollbackWindow: object<RollbackWindowSpec>({ revisions: int32() }),
    strategy: object<RolloutStrategy>({ blueGreen: blueGreen(), canary: canary(k8s) }),
    revisionHistoryLimit: int32(),
    paused: boolean(),
    progressDeadlineSeconds: int32(),
    progressDeadlineAbort: boolean(),
    restartAt: dateTime(),
    analysis: object<AnalysisRunStrategy>({ successfulRunHistoryLimit: int32(), unsuccessfulRunHistoryLimit: int32() }),
  });

/** `openAPIV3Schema` of the Rollout CRD. */
export const rolloutSchema = (k8s: K8sSchemas): JSONSchemaProps =>
  object<Rollout>(
    {
      apiVersion: string(),
      kind: string(),
      metadata: { type: 'object' },
      spec: rolloutSpec(k8s),
      status: rolloutStatus(),
    },
    ['spec'],
  );
