// The rollout "info" tree: what `get rollout` / `get experiment` (and a future dashboard) display.
// Plain data, no clock: ages are rendered later from `createdAt` and an injected `now`.
// parity: argo-rollouts pkg/apiclient/rollout (RolloutInfo, ReplicaSetInfo, PodInfo, …)

/** Epoch milliseconds, or undefined when the object carries no timestamp. */
export type EpochMs = number | undefined;

export interface PodInfo {
  readonly name: string;
  readonly namespace: string;
  readonly createdAt: EpochMs;
  readonly status: string;
  readonly icon: string;
  /** `<ready containers>/<spec containers>` */
  readonly ready: string;
  readonly restarts: number;
}

export interface ReplicaSetInfo {
  readonly name: string;
  readonly namespace: string;
  readonly uid: string;
  readonly createdAt: EpochMs;
  readonly status: string;
  readonly icon: string;
  readonly revision: number;
  readonly replicas: number;
  readonly available: number;
  readonly stable: boolean;
  readonly canary: boolean;
  readonly active: boolean;
  readonly preview: boolean;
  readonly ping: boolean;
  readonly pong: boolean;
  /** Experiment template name (annotation), '' when absent. */
  readonly template: string;
  /** Raw `scale-down-deadline` annotation, '' when absent. */
  readonly scaleDownDeadline: string;
  readonly images: readonly string[];
  readonly initContainerImages: readonly string[];
  readonly pods: readonly PodInfo[];
}

export interface JobInfo {
  readonly name: string;
  readonly namespace: string;
  readonly createdAt: EpochMs;
  readonly status: string;
  readonly icon: string;
  readonly metricName: string;
}

export interface AnalysisRunInfo {
  readonly name: string;
  readonly namespace: string;
  readonly createdAt: EpochMs;
  readonly status: string;
  readonly icon: string;
  readonly revision: number;
  readonly successful: number;
  readonly failed: number;
  readonly inconclusive: number;
  readonly error: number;
  readonly jobs: readonly JobInfo[];
}

export interface ExperimentInfo {
  readonly name: string;
  readonly namespace: string;
  readonly createdAt: EpochMs;
  readonly status: string;
  readonly message: string;
  readonly icon: string;
  readonly revision: number;
  readonly replicaSets: readonly ReplicaSetInfo[];
  readonly analysisRuns: readonly AnalysisRunInfo[];
}

export interface ContainerInfo {
  readonly name: string;
  readonly image: string;
}

export interface RolloutInfo {
  readonly name: string;
  readonly namespace: string;
  readonly createdAt: EpochMs;
  readonly status: string;
  readonly message: string;
  readonly icon: string;
  /** `Canary`, `BlueGreen` or '' */
  readonly strategy: string;
  /** `<index>/<len>` or '' */
  readonly step: string;
  readonly setWeight: string;
  readonly actualWeight: string;
  readonly desired: number;
  readonly current: number;
  readonly updated: number;
  readonly ready: number;
  readonly available: number;
  readonly containers: readonly ContainerInfo[];
  readonly initContainers: readonly ContainerInfo[];
  readonly replicaSets: readonly ReplicaSetInfo[];
  readonly experiments: readonly ExperimentInfo[];
  readonly analysisRuns: readonly AnalysisRunInfo[];
}

export interface ImageInfo {
  readonly image: string;
  readonly tags: readonly string[];
}
