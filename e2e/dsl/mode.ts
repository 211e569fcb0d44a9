/**
 * Where the e2e suite runs: a fresh in-process sandbox (default) or the cluster named by `$KUBECONFIG`
 * when `E2E_CLUSTER=1` (kind, k3d, … with Serin or Argo Rollouts already installed).
 *   mode = E2E_CLUSTER ∈ {1,true} ∧ KUBECONFIG ≠ '' ? cluster : sandbox
 */
export const E2eMode = { sandbox: 'sandbox', cluster: 'cluster' } as const;
export type E2eMode = (typeof E2eMode)[keyof typeof E2eMode];

export interface ModeChoice {
  readonly mode: E2eMode;
  /** Kubeconfig of the external cluster (cluster mode only). */
  readonly kubeconfig?: string;
}

export function chooseMode(env: Readonly<Record<string, string | undefined>>): ModeChoice {
  const flag = (env['E2E_CLUSTER'] ?? '').toLowerCase();
  const kubeconfig = env['KUBECONFIG'] ?? '';
  if ((flag === '1' || flag === 'true') && kubeconfig !== '') return { mode: E2eMode.cluster, kubeconfig };
  return { mode: E2eMode.sandbox };
}
