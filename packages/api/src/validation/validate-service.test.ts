import { describe, expect, it } from 'vitest';
import type { V1Service } from '@kubernetes/client-node';
import { aRollout } from '../test-support/builders.js';
import { formatFieldError } from './field-error.js';
import { validateService } from './validate-service.js';

const service = (name: string, selector: Record<string, string>, managedBy?: string): V1Service => ({
  metadata: { name, ...(managedBy ? { annotations: { 'argo-rollouts.argoproj.io/managed-by-rollouts': managedBy } } : {}) },
  spec: { selector },
});

describe('validateService', () => {
  it.each([
    { name: 'matching selector', svc: service('stable', { app: 'guestbook' }), type: 'StableService' as const, errors: [] },
    {
      name: 'pod-template-hash is ignored',
      svc: service('stable', { app: 'guestbook', 'rollouts-pod-template-hash': 'abc' }),
      type: 'StableService' as const,
      errors: [],
    },
    {
      name: 'label missing on the template (lint output)',
      svc: service('istio-host-split-canary', { app: 'other' }),
      type: 'CanaryService' as const,
      errors: [
        'spec.strategy.canary.canaryService: Invalid value: "istio-host-split-canary": Service "istio-host-split-canary" has unmatch label "app" in rollout',
      ],
    },
    {
      name: 'ping service',
      svc: service('ping-service', { app: 'x' }),
      type: 'PingService' as const,
      errors: ['spec.strategy.canary.pingPong.pingService: Invalid value: "ping-service": Service "ping-service" has unmatch label "app" in rollout'],
    },
    {
      name: 'managed by another rollout',
      svc: service('active', { app: 'guestbook' }, 'someone-else'),
      type: 'ActiveService' as const,
      errors: ['spec.strategy.blueGreen.activeService: Invalid value: "active": Service "active" is managed by another Rollout'],
    },
    { name: 'managed by this rollout', svc: service('active', { app: 'guestbook' }, 'guestbook'), type: 'ActiveService' as const, errors: [] },
  ])('$name', ({ svc, type, errors }) => {
    expect(validateService(svc, type, aRollout()).map(formatFieldError)).toStrictEqual(errors);
  });
});
