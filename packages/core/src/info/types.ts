// Structural input types for the info projection. They name only the fields the projection reads, so
// objects from client-node (Date timestamps) and raw JSON from custom-object APIs (string timestamps)
// both fit. parity: argo-rollouts pkg/kubectl-argo-rollouts/info
// TODO(api): switch to @serin/api types once they exist; these are a structural subset of them.

/** RFC 3339 string (raw JSON) or Date (client-node typed APIs). */
export type Timestamp = string | Date;

export interface OwnerReferenceLike {
  readonly uid?: string;
  readonly kind?: string;
  readonly name?: string;
}

export interface ObjectMetaLike {
  readonly name?: string;
  readonly namespace?: string;
  readonly uid?: string;
  readonly generation?: number;
  readonly creationTimestamp?: Timestamp;
  readonly deletionTimestamp?: Timestamp;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly labels?: Readonly<Record<string, string>>;
  readonly ownerReferences?: readonly OwnerReferenceLike[];
}

export interface ContainerLike {
  readonly name: string;
  readonly image?: string;
  readonly restartPolicy?: string;
}

export interface PodSpecLike {
  readonly containers?: readonly ContainerLike[];
  readonly initContainers?: readonly ContainerLike[];
}

export interface PodTemplateLike {
  readonly metadata?: ObjectMetaLike;
  readonly spec?: PodSpecLike;
}

export interface ConditionLike {
  readonly type: string;
  readonly status?: string;
  readonly reason?: string;
  readonly message?: string;
}

export interface CanaryStepLike {
  readonly setWeight?: number;
  readonly pause?: unknown;
  readonly [key: string]: unknown;
}

export interface RolloutLike {
  readonly metadata?: ObjectMetaLike;
  readonly spec?: {
    readonly replicas?: number;
    readonly paused?: boolean;
    readonly restartAt?: Timestamp;
    readonly template?: PodTemplateLike;
    readonly workloadRef?: { readonly kind?: string; readonly name?: string; readonly apiVersion?: string };
    readonly strategy?: {
      readonly canary?: {
        readonly steps?: readonly CanaryStepLike[];
        readonly trafficRouting?: { readonly maxTrafficWeight?: number; readonly [key: string]: unknown };
        readonly pingPong?: { readonly pingService?: string; readonly pongService?: string };
        readonly [key: string]: unknown;
      };
      readonly blueGreen?: {
        readonly postPromotionAnalysis?: unknown;
        readonly [key: string]: unknown;
      };
    };
  };
  readonly status?: {
    readonly phase?: string;
    readonly message?: string;
    readonly observedGeneration?: string | number;
    readonly controllerPause?: boolean;
    readonly pauseConditions?: readonly { readonly reason?: string; readonly startTime?: Timestamp }[] | null;
    readonly conditions?: readonly ConditionLike[];
    readonly restartedAt?: Timestamp;
    readonly abort?: boolean;
    readonly promoteFull?: boolean;
    readonly currentStepIndex?: number | null;
    readonly currentPodHash?: string;
    readonly stableRS?: string;
    readonly replicas?: number;
    readonly updatedReplicas?: number;
    readonly readyReplicas?: number;
    readonly availableReplicas?: number;
    readonly workloadObservedGeneration?: string;
    readonly blueGreen?: {
      readonly activeSelector?: string;
      readonly previewSelector?: string;
      readonly postPromotionAnalysisRunStatus?: { readonly status?: string } | null;
    };
    readonly canary?: {
      readonly stablePingPong?: string;
      readonly weights?: { readonly canary?: { readonly weight?: number } } | null;
      readonly currentStepAnalysisRunStatus?: { readonly status?: string } | null;
    };
  };
}

export interface ReplicaSetLike {
  readonly metadata?: ObjectMetaLike;
  readonly spec?: { readonly replicas?: number; readonly template?: PodTemplateLike };
  readonly status?: {
    readonly replicas?: number;
    readonly availableReplicas?: number;
    readonly observedGeneration?: number;
    readonly conditions?: readonly ConditionLike[];
  };
}

export interface ContainerStateLike {
  readonly waiting?: { readonly reason?: string };
  readonly running?: { readonly startedAt?: Timestamp };
  readonly terminated?: { readonly reason?: string; readonly exitCode?: number; readonly signal?: number };
}

export interface ContainerStatusLike {
  readonly name: string;
  readonly ready?: boolean;
  readonly started?: boolean;
  readonly restartCount?: number;
  readonly state?: ContainerStateLike;
}

export interface PodLike {
  readonly metadata?: ObjectMetaLike;
  readonly spec?: PodSpecLike;
  readonly status?: {
    readonly phase?: string;
    readonly reason?: string;
    readonly initContainerStatuses?: readonly ContainerStatusLike[];
    readonly containerStatuses?: readonly ContainerStatusLike[];
  };
}

export interface MeasurementLike {
  readonly phase?: string;
  readonly startedAt?: Timestamp;
  readonly value?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

export interface MetricResultLike {
  readonly name: string;
  readonly successful?: number;
  readonly failed?: number;
  readonly inconclusive?: number;
  readonly error?: number;
  readonly measurements?: readonly MeasurementLike[];
}

export interface AnalysisRunLike {
  readonly metadata?: ObjectMetaLike;
  readonly status?: {
    readonly phase?: string;
    readonly message?: string;
    readonly metricResults?: readonly MetricResultLike[];
  };
}

export interface ExperimentLike {
  readonly metadata?: ObjectMetaLike;
  readonly spec?: { readonly duration?: string };
  readonly status?: { readonly phase?: string; readonly message?: string; readonly availableAt?: Timestamp };
}

/** Every object the rollout tree may show, as listed from one namespace. */
export interface InfoObjects {
  readonly replicaSets: readonly ReplicaSetLike[];
  readonly pods: readonly PodLike[];
  readonly experiments: readonly ExperimentLike[];
  readonly analysisRuns: readonly AnalysisRunLike[];
}
