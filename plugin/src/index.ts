// @serin/plugin — the kubectl-argo-rollouts CLI. The binary is bin/kubectl-argo-rollouts (bundle); these exports
// let tests and tools run the same program in-process with their own streams, clock and cluster.
export { run, buildProgram, RootName } from './commands/program.js';
export type { ProgramDeps, BuildInfo } from './commands/runner.js';
export type { Cluster, KubeObject, ResourceType, WatchEvent } from './kube/cluster.js';
export { ApiError, Resources, PatchType } from './kube/cluster.js';
export { connectHttp } from './kube/http-cluster.js';
export type { ClientFlags } from './kube/http-cluster.js';
export { renderRollout, renderExperiment } from './ui/views.js';
