/** Test builders: `aRollout({...})` returns a minimal valid canary Rollout with the given overrides. */
import type { Rollout, RolloutSpec } from '../types/rollout.js';
import type { BlueGreenStrategy, CanaryStrategy } from '../types/strategy.js';

export interface RolloutOptions {
  name?: string;
  replicas?: number;
  canary?: CanaryStrategy;
  blueGreen?: BlueGreenStrategy;
  spec?: Partial<RolloutSpec>;
}

export function aRollout(options: RolloutOptions = {}): Rollout {
  const strategy =
    options.blueGreen !== undefined
      ? { blueGreen: options.blueGreen }
      : { canary: options.canary ?? {} };
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name: options.name ?? 'guestbook', namespace: 'default' },
    spec: {
      ...(options.replicas !== undefined ? { replicas: options.replicas } : {}),
      selector: { matchLabels: { app: 'guestbook' } },
      template: {
        metadata: { labels: { app: 'guestbook' } },
        spec: { containers: [{ name: 'guestbook', image: 'argoproj/rollouts-demo:blue' }] },
      },
      strategy,
      ...options.spec,
    },
  };
}
