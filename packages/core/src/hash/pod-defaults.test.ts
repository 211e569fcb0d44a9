import { describe, expect, it } from 'vitest';
import { applyPodTemplateDefaults, defaultImagePullPolicy } from './pod-defaults.js';

describe('defaultImagePullPolicy (SetDefaults_Container)', () => {
  it.each([
    { image: 'nginx', policy: 'Always' }, // no tag, no digest → implicit :latest
    { image: 'nginx:latest', policy: 'Always' },
    { image: 'nginx:1.19-alpine', policy: 'IfNotPresent' },
    { image: 'registry:5000/team/app', policy: 'Always' }, // the port colon is not a tag
    { image: 'registry:5000/team/app:v2', policy: 'IfNotPresent' },
    { image: 'nginx@sha256:abcd', policy: 'IfNotPresent' }, // digest without tag → no default tag
    { image: '', policy: 'IfNotPresent' }, // unparsable → tag "" → IfNotPresent
  ])('$image → $policy', ({ image, policy }) => {
    expect(defaultImagePullPolicy(image)).toBe(policy);
  });
});

describe('applyPodTemplateDefaults (SetObjectDefaults_PodTemplate)', () => {
  it('fills the PodSpec and container defaults the API server stores in a ReplicaSet', () => {
    const input = {
      metadata: { labels: { app: 'a' } },
      spec: {
        containers: [
          {
            name: 'a',
            image: 'nginx:1.19-alpine',
            ports: [{ containerPort: 80 }],
            env: [{ name: 'P', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
            readinessProbe: { httpGet: { port: 80 } },
            resources: { requests: { cpu: '1500u' } },
          },
        ],
      },
    };
    expect(applyPodTemplateDefaults(input)).toEqual({
      metadata: { labels: { app: 'a' } },
      spec: {
        containers: [
          {
            name: 'a',
            image: 'nginx:1.19-alpine',
            ports: [{ containerPort: 80, protocol: 'TCP' }],
            env: [{ name: 'P', valueFrom: { fieldRef: { fieldPath: 'metadata.name', apiVersion: 'v1' } } }],
            readinessProbe: { httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
            resources: { requests: { cpu: '2m' } },
            imagePullPolicy: 'IfNotPresent',
            terminationMessagePath: '/dev/termination-log',
            terminationMessagePolicy: 'File',
          },
        ],
        dnsPolicy: 'ClusterFirst',
        restartPolicy: 'Always',
        securityContext: {},
        terminationGracePeriodSeconds: 30,
        schedulerName: 'default-scheduler',
      },
    });
    expect(input.spec.containers[0]?.ports[0]).toEqual({ containerPort: 80 }); // input untouched
  });

  it('defaults volumes: no source → emptyDir, file modes 0644, token expiry 1h', () => {
    const out = applyPodTemplateDefaults({
      spec: {
        volumes: [
          { name: 'scratch' },
          { name: 's', secret: { secretName: 'x' } },
          { name: 'p', projected: { sources: [{ serviceAccountToken: { path: 't' } }] } },
          { name: 'h', hostPath: { path: '/x' } },
        ],
      },
    });
    expect((out.spec as { volumes: unknown }).volumes).toEqual([
      { name: 'scratch', emptyDir: {} },
      { name: 's', secret: { secretName: 'x', defaultMode: 420 } },
      { name: 'p', projected: { sources: [{ serviceAccountToken: { path: 't', expirationSeconds: 3600 } }], defaultMode: 420 } },
      { name: 'h', hostPath: { path: '/x', type: '' } },
    ]);
  });

  it('keeps explicit values', () => {
    const out = applyPodTemplateDefaults({ spec: { dnsPolicy: 'Default', terminationGracePeriodSeconds: 0, containers: [{ name: 'a', image: 'x', imagePullPolicy: 'Never' }] } });
    const spec = out.spec as { dnsPolicy: string; terminationGracePeriodSeconds: number; containers: { imagePullPolicy: string }[] };
    expect(spec.dnsPolicy).toBe('Default');
    expect(spec.terminationGracePeriodSeconds).toBe(0);
    expect(spec.containers[0]?.imagePullPolicy).toBe('Never');
  });
});
