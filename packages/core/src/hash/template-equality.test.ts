import { describe, expect, it } from 'vitest';
import { applyPodTemplateDefaults } from './pod-defaults.js';
import { goSemanticEqual, podTemplatesSemanticallyEqual } from './template-equality.js';
import type { TemplateEqualityContext } from './template-equality.js';

/** The rollout's spec.template as stored (CRD defaults only). */
const desired = {
  metadata: { labels: { app: 'web' } },
  spec: {
    containers: [
      { name: 'web', image: 'nginx:1.19-alpine', ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }], resources: { requests: { cpu: '5m', memory: '1Gi' } } },
    ],
  },
};

interface LiveContainer {
  image: string;
  command?: string[];
  resources: { requests: Record<string, string> };
}

interface LiveTemplate {
  metadata: { labels: Record<string, string>; annotations?: Record<string, string> };
  spec: { containers: [LiveContainer]; affinity?: unknown; serviceAccount?: string; terminationGracePeriodSeconds?: number };
}

/** What the API server stores in a ReplicaSet Argo created from `desired` (defaults + hash label). */
function liveRsTemplate(mutate: (t: LiveTemplate) => void = () => undefined): LiveTemplate {
  const t = applyPodTemplateDefaults(desired) as unknown as LiveTemplate;
  t.metadata.labels['rollouts-pod-template-hash'] = '5d4c8b7f9';
  mutate(t);
  return t;
}

const hashLabelTerm = {
  labelSelector: { matchExpressions: [{ key: 'rollouts-pod-template-hash', operator: 'In', values: ['abc'] }] },
  namespaces: ['default'],
  topologyKey: 'kubernetes.io/hostname',
};

describe('podTemplatesSemanticallyEqual', () => {
  it.each<{ name: string; live: unknown; ctx?: TemplateEqualityContext; equal: boolean }>([
    { name: 'RS template = API defaults + hash label', live: liveRsTemplate(), equal: true },
    {
      name: 'injected ephemeral metadata recorded in the RS annotation is ignored',
      live: liveRsTemplate((t) => {
        t.metadata.labels.role = 'canary';
        t.metadata.annotations = { note: 'x' };
      }),
      ctx: { ephemeralMetadataAnnotation: '{"labels":{"role":"canary"},"annotations":{"note":"x"}}' },
      equal: true,
    },
    {
      name: 'the same extra label without the ephemeral annotation is a real difference',
      live: liveRsTemplate((t) => {
        t.metadata.labels.role = 'canary';
      }),
      equal: false,
    },
    {
      name: 'injected required anti-affinity term is removed',
      live: liveRsTemplate((t) => {
        t.spec.affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [hashLabelTerm] } };
      }),
      ctx: { antiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: {} } },
      equal: true,
    },
    {
      name: 'injected preferred anti-affinity term is removed (and the emptied affinity dropped)',
      live: liveRsTemplate((t) => {
        t.spec.affinity = { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: hashLabelTerm }] } };
      }),
      ctx: { antiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: { weight: 1 } } },
      equal: true,
    },
    {
      name: 'anti-affinity is kept when the rollout has no anti-affinity strategy',
      live: liveRsTemplate((t) => {
        t.spec.affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [hashLabelTerm] } };
      }),
      equal: false,
    },
    {
      name: 'deprecated serviceAccount on the live side is ignored',
      live: liveRsTemplate((t) => {
        t.spec.serviceAccount = 'legacy';
      }),
      equal: true,
    },
    {
      name: 'quantities compare by value (1Gi = 1073741824)',
      live: liveRsTemplate((t) => {
        t.spec.containers[0].resources.requests.memory = '1073741824';
      }),
      equal: true,
    },
    {
      name: 'a different quantity value differs',
      live: liveRsTemplate((t) => {
        t.spec.containers[0].resources.requests.cpu = '6m';
      }),
      equal: false,
    },
    {
      name: 'nil and empty lists are equal (command: [])',
      live: liveRsTemplate((t) => {
        t.spec.containers[0].command = [];
      }),
      equal: true,
    },
    {
      name: 'a different image differs',
      live: liveRsTemplate((t) => {
        t.spec.containers[0].image = 'nginx:1.20';
      }),
      equal: false,
    },
    {
      name: 'an explicit non-default value differs (terminationGracePeriodSeconds 10)',
      live: liveRsTemplate((t) => {
        t.spec.terminationGracePeriodSeconds = 10;
      }),
      equal: false,
    },
  ])('$name → $equal', ({ live, ctx, equal }) => {
    expect(podTemplatesSemanticallyEqual(live, desired, ctx)).toBe(equal);
  });

  it('without the API defaults the raw templates would not be equal (defaulting matters)', () => {
    expect(goSemanticEqual(liveRsTemplate((t) => {
          delete t.metadata.labels['rollouts-pod-template-hash'];
        }), desired, 'core/v1.PodTemplateSpec')).toBe(false);
  });
});
