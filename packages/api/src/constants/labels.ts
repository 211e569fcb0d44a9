/**
 * Label and annotation keys, spelled exactly as upstream (§4 of the compatibility reference).
 * parity: argo-rollouts pkg/apis/rollouts/v1alpha1/types.go, utils/annotations/annotations.go,
 * experiments/, analysis/, utils/replicaset/
 */

export const LABEL = {
  /** On ReplicaSets, their selectors and pod templates, Services, DestinationRule subsets, runs and experiments. */
  PodTemplateHash: 'rollouts-pod-template-hash',
  /** Set by users on Rollouts; copied to AnalysisRuns and Experiments. */
  ControllerInstanceId: 'argo-rollouts.argoproj.io/controller-instance-id',
  /** On AnalysisRuns: `Step`, `Background`, `PrePromotion`, `PostPromotion`. */
  RolloutType: 'rollout-type',
  /** On step AnalysisRuns: the step index as a decimal string. */
  StepIndex: 'step-index',
  /** On analysis Jobs and their pods: the AnalysisRun UID. */
  AnalysisRunUid: 'analysisrun.argoproj.io/uid',
} as const;
export type LabelKey = (typeof LABEL)[keyof typeof LABEL];

export const ANNOTATION = {
  Revision: 'rollout.argoproj.io/revision',
  RevisionHistory: 'rollout.argoproj.io/revision-history',
  DesiredReplicas: 'rollout.argoproj.io/desired-replicas',
  WorkloadGeneration: 'rollout.argoproj.io/workload-generation',
  EphemeralMetadata: 'rollout.argoproj.io/ephemeral-metadata',
  /** No prefix. RFC 3339 UTC. */
  ScaleDownDeadline: 'scale-down-deadline',
  ManagedByRollouts: 'argo-rollouts.argoproj.io/managed-by-rollouts',
  RestartedAfter: 'argo-rollouts.argoproj.io/restarted-after',
  ExperimentName: 'experiment.argoproj.io/name',
  ExperimentTemplateName: 'experiment.argoproj.io/template-name',
  AnalysisRunName: 'analysisrun.argoproj.io/name',
  AnalysisRunNamespace: 'analysisrun.argoproj.io/namespace',
  AnalysisRunMetricName: 'analysisrun.argoproj.io/metric-name',
  Notified: 'notified.notifications.argoproj.io',
  LastAppliedConfiguration: 'kubectl.kubernetes.io/last-applied-configuration',
} as const;
export type AnnotationKey = (typeof ANNOTATION)[keyof typeof ANNOTATION];

/** Annotations that are NOT copied from a Rollout to the ReplicaSets it creates. */
export const ANNOTATIONS_NOT_COPIED_TO_REPLICA_SET: readonly AnnotationKey[] = [
  ANNOTATION.LastAppliedConfiguration,
  ANNOTATION.Revision,
  ANNOTATION.RevisionHistory,
  ANNOTATION.DesiredReplicas,
  ANNOTATION.Notified,
];

/** Default nginx annotation prefix for `trafficRouting.nginx.annotationPrefix`. */
export const DEFAULT_NGINX_ANNOTATION_PREFIX = 'nginx.ingress.kubernetes.io' as const;
