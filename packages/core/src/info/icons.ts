// Status icons and INFO tags, spelled as upstream. parity: argo-rollouts pkg/kubectl-argo-rollouts/info/info.go

export const Icon = {
  Waiting: '◷',
  Progressing: '◌',
  Warning: '⚠',
  Unknown: '?',
  OK: '✔',
  Bad: '✖',
  Paused: '॥',
  Neutral: '•',
  /** Anything unmapped renders as a single space. */
  None: ' ',
} as const;
export type Icon = (typeof Icon)[keyof typeof Icon];

/** Tree-row kind icons. parity: argo-rollouts cmd/get/get.go */
export const KindIcon = {
  Rollout: '⟳',
  Revision: '#',
  ReplicaSet: '⧉',
  Pod: '□',
  Job: '⊞',
  Experiment: 'Σ',
  AnalysisRun: 'α',
} as const;

export const InfoTag = {
  Canary: 'canary',
  Stable: 'stable',
  Active: 'active',
  Preview: 'preview',
  Ping: 'ping',
  Pong: 'pong',
} as const;
export type InfoTag = (typeof InfoTag)[keyof typeof InfoTag];

const rolloutIcons: Readonly<Record<string, Icon>> = {
  Progressing: Icon.Progressing,
  Error: Icon.Warning,
  InvalidSpec: Icon.Warning,
  Paused: Icon.Paused,
  Healthy: Icon.OK,
  Degraded: Icon.Bad,
  Unknown: Icon.Unknown,
  ScaledDown: Icon.Neutral,
};

const replicaSetIcons: Readonly<Record<string, Icon>> = {
  Progressing: Icon.Progressing,
  Healthy: Icon.OK,
  ReplicaFailure: Icon.Bad,
  ScaledDown: Icon.Neutral,
};

const analysisIcons: Readonly<Record<string, Icon>> = {
  Successful: Icon.OK,
  Inconclusive: Icon.Unknown,
  Failed: Icon.Bad,
  Error: Icon.Warning,
  Running: Icon.Progressing,
  Pending: Icon.Waiting,
};

const podIcons: Readonly<Record<string, Icon>> = {
  Pending: Icon.Progressing,
  Terminating: Icon.Progressing,
  ContainerCreating: Icon.Progressing,
  Running: Icon.OK,
  Completed: Icon.OK,
  Failed: Icon.Bad,
  InvalidImageName: Icon.Bad,
  CrashLoopBackOff: Icon.Bad,
  ImagePullBackOff: Icon.Warning,
  RegistryUnavailable: Icon.Warning,
  Unknown: Icon.Unknown,
};

export function rolloutIcon(phase: string): Icon {
  return rolloutIcons[phase] ?? Icon.None;
}

export function replicaSetIcon(status: string): Icon {
  return replicaSetIcons[status] ?? Icon.None;
}

/** Experiments, AnalysisRuns and Jobs (measurement phases) share one mapping. */
export function analysisIcon(phase: string): Icon {
  return analysisIcons[phase] ?? Icon.None;
}

/**
 * Pod status → icon. Prefix rules first: `Init:` progressing; `Signal:`/`ExitCode:` bad;
 * `…Error` or `Err…` warning; then the fixed table; else a space.
 */
export function podIcon(status: string): Icon {
  if (status.startsWith('Init:')) return Icon.Progressing;
  if (status.startsWith('Signal:') || status.startsWith('ExitCode:')) return Icon.Bad;
  if (status.endsWith('Error') || status.startsWith('Err')) return Icon.Warning;
  return podIcons[status] ?? Icon.None;
}
