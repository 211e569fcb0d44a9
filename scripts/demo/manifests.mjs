// The demo application: a Rollout with Istio canary steps and a step analysis, its Services, the
// VirtualService whose weights Serin rewrites, a DestinationRule, and the success-rate AnalysisTemplate —
// over Prometheus when it runs, else over the web provider against the demo's success-rate endpoint.

export const NS = 'demo';
export const IMAGE = (tag) => `ghcr.io/serin-demo/podinfo:${tag}`;

const service = (name) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: NS },
  spec: { selector: { app: 'demo' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
});

/** Prometheus query: share of non-5xx responses served by the canary Service over the last 5 s. */
export const PROMQL =
  'sum(increase(istio_requests_total{reporter="destination",destination_service_namespace="{{args.namespace}}",destination_service_name="{{args.service-name}}",response_code!~"5.*"}[5s])) / ' +
  'sum(increase(istio_requests_total{reporter="destination",destination_service_namespace="{{args.namespace}}",destination_service_name="{{args.service-name}}"}[5s]))';

/** `metrics` = { kind: 'prometheus', address } | { kind: 'web', url } */
export function analysisTemplate(metrics) {
  const provider =
    metrics.kind === 'prometheus'
      ? { prometheus: { address: metrics.address, query: PROMQL } }
      : { web: { url: `${metrics.url}/success-rate?namespace={{args.namespace}}&service={{args.service-name}}`, jsonPath: '{$.successRate}' } };
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisTemplate',
    metadata: { name: 'success-rate', namespace: NS },
    spec: {
      args: [{ name: 'service-name' }, { name: 'namespace' }],
      metrics: [
        {
          name: 'success-rate',
          // the canary's first requests need a couple of scrapes before a rate exists (an empty answer is an Error,
          // retried only after 10 s)
          initialDelay: '2s',
          interval: '2s',
          count: 3,
          // healthy simulated pods never fail; a `bad` one fails half of its requests
          successCondition: metrics.kind === 'prometheus' ? 'result[0] >= 0.99' : 'result >= 0.99',
          failureLimit: 0,
          consecutiveErrorLimit: 4,
          provider,
        },
      ],
    },
  };
}

export function demoApp(metrics) {
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } },
    service('demo'),
    service('demo-stable'),
    service('demo-canary'),
    {
      apiVersion: 'networking.istio.io/v1alpha3',
      kind: 'VirtualService',
      metadata: { name: 'demo', namespace: NS },
      spec: {
        hosts: ['demo'],
        http: [
          {
            name: 'primary',
            route: [
              { destination: { host: 'demo-stable' }, weight: 100 },
              { destination: { host: 'demo-canary' }, weight: 0 },
            ],
          },
        ],
      },
    },
    {
      apiVersion: 'networking.istio.io/v1alpha3',
      kind: 'DestinationRule',
      metadata: { name: 'demo', namespace: NS },
      spec: { host: 'demo', trafficPolicy: { loadBalancer: { simple: 'ROUND_ROBIN' } } },
    },
    analysisTemplate(metrics),
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      metadata: { name: 'demo', namespace: NS },
      spec: {
        replicas: 5,
        revisionHistoryLimit: 3,
        selector: { matchLabels: { app: 'demo' } },
        template: {
          metadata: { labels: { app: 'demo' } },
          spec: { containers: [{ name: 'demo', image: IMAGE('v1'), ports: [{ containerPort: 8080 }] }] },
        },
        strategy: {
          canary: {
            // the previous pods stay 5 s after a switch (upstream default 30 s) and after an abort (default 30 s)
            scaleDownDelaySeconds: 5,
            abortScaleDownDelaySeconds: 5,
            canaryService: 'demo-canary',
            stableService: 'demo-stable',
            trafficRouting: { istio: { virtualService: { name: 'demo', routes: ['primary'] } } },
            steps: [
              { setWeight: 20 },
              { pause: { duration: '3s' } },
              {
                analysis: {
                  templates: [{ templateName: 'success-rate' }],
                  args: [
                    { name: 'service-name', value: 'demo-canary' },
                    { name: 'namespace', value: NS },
                  ],
                },
              },
              { setWeight: 50 },
              { pause: { duration: '4s' } },
            ],
          },
        },
      },
    },
  ];
}

/** Index of the analysis step in the Rollout above (the step after the first pause). */
export const ANALYSIS_STEP = 2;
