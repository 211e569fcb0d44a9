import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentNamespace, loadKubeConfig, resolveKubeConfigSource } from './kubeconfig.js';

const none = (): boolean => false;
const all = (): boolean => true;

describe('resolveKubeConfigSource', () => {
  it.each([
    { name: '--kubeconfig wins over everything', opts: { kubeconfigPath: '/k/flag', env: { KUBECONFIG: '/k/env', KUBERNETES_SERVICE_HOST: 'h', KUBERNETES_SERVICE_PORT: '443' }, fileExists: all }, expected: { kind: 'files', paths: ['/k/flag'] } },
    { name: '$KUBECONFIG list next', opts: { env: { KUBECONFIG: ['/a', '/b'].join(delimiter) }, fileExists: all }, expected: { kind: 'files', paths: ['/a', '/b'] } },
    { name: '~/.kube/config when present', opts: { env: {}, homeDir: '/home/u', fileExists: all }, expected: { kind: 'files', paths: ['/home/u/.kube/config'] } },
    { name: 'in-cluster when nothing else', opts: { env: { KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBERNETES_SERVICE_PORT: '443' }, homeDir: '/h', fileExists: none }, expected: { kind: 'in-cluster' } },
  ])('$name', ({ opts, expected }) => {
    expect(resolveKubeConfigSource(opts)).toEqual(expected);
  });

  it('fails like clientcmd when there is no configuration at all', () => {
    expect(() => resolveKubeConfigSource({ env: {}, homeDir: '/h', fileExists: none })).toThrow(/no configuration has been provided/);
  });
});

describe('loadKubeConfig', () => {
  const dir = mkdtempSync(join(tmpdir(), 'serin-kc-'));
  const file = (name: string, server: string, ns?: string): string => {
    const path = join(dir, name);
    writeFileSync(
      path,
      [
        'apiVersion: v1',
        'kind: Config',
        `clusters: [{name: ${name}, cluster: {server: "${server}"}}]`,
        `users: [{name: ${name}, user: {token: t}}]`,
        `contexts: [{name: ${name}, context: {cluster: ${name}, user: ${name}${ns === undefined ? '' : `, namespace: ${ns}`}}}]`,
        `current-context: ${name}`,
      ].join('\n'),
    );
    return path;
  };

  it('accepts plain http servers (sets skipTLSVerify) and reads the context namespace', () => {
    const kc = loadKubeConfig({ kubeconfigPath: file('sandbox', 'http://127.0.0.1:1234', 'ns1') });
    expect(kc.getCurrentCluster()).toMatchObject({ server: 'http://127.0.0.1:1234', skipTLSVerify: true });
    expect(currentNamespace(kc)).toBe('ns1');
  });

  it('keeps TLS verification for https servers', () => {
    const kc = loadKubeConfig({ kubeconfigPath: file('real', 'https://k8s.example:6443') });
    expect(kc.getCurrentCluster()).toMatchObject({ skipTLSVerify: false });
    expect(currentNamespace(kc)).toBe('default');
  });

  it('merges a $KUBECONFIG list, first file wins the current context', () => {
    const a = file('a', 'http://a:1');
    const b = file('b', 'http://b:2');
    const kc = loadKubeConfig({ env: { KUBECONFIG: [a, b].join(delimiter) } });
    expect(kc.getClusters().map((c) => c.name).sort()).toEqual(['a', 'b']);
    expect(kc.getCurrentCluster()?.server).toBe('http://a:1');
    expect(loadKubeConfig({ env: { KUBECONFIG: [a, b].join(delimiter) }, context: 'b' }).getCurrentCluster()?.server).toBe('http://b:2');
  });
});
