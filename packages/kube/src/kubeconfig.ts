/**
 * Where the controller's API credentials come from, in clientcmd's order (what Argo's
 * `--kubeconfig` flag resolves through): the explicit path, then `$KUBECONFIG` (a `:`-separated
 * list, merged, first wins), then `~/.kube/config` if it exists, then the in-cluster service
 * account when `KUBERNETES_SERVICE_HOST`/`_PORT` are set.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';

export type KubeConfigSource =
  | { readonly kind: 'files'; readonly paths: readonly string[] }
  | { readonly kind: 'in-cluster' };

export interface KubeConfigOptions {
  /** `--kubeconfig`. */
  readonly kubeconfigPath?: string;
  /** `--context`: override the current context. */
  readonly context?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly homeDir?: string;
  readonly fileExists?: (path: string) => boolean;
}

/** Decide the source without touching the network. Throws when there is none. */
export function resolveKubeConfigSource(options: KubeConfigOptions = {}): KubeConfigSource {
  const env = options.env ?? process.env;
  const exists = options.fileExists ?? existsSync;
  if (options.kubeconfigPath !== undefined && options.kubeconfigPath !== '') return { kind: 'files', paths: [options.kubeconfigPath] };
  const fromEnv = (env['KUBECONFIG'] ?? '').split(delimiter).filter((p) => p !== '');
  if (fromEnv.length > 0) return { kind: 'files', paths: fromEnv };
  const home = join(options.homeDir ?? homedir(), '.kube', 'config');
  if (exists(home)) return { kind: 'files', paths: [home] };
  if ((env['KUBERNETES_SERVICE_HOST'] ?? '') !== '' && (env['KUBERNETES_SERVICE_PORT'] ?? '') !== '') return { kind: 'in-cluster' };
  throw new Error('invalid configuration: no configuration has been provided, try setting KUBERNETES_MASTER environment variable');
}

/**
 * Load a client-node KubeConfig. Plain `http://` servers get `skipTLSVerify: true`: there is no TLS
 * to verify, and client-node 1.4 otherwise refuses them ("HTTP protocol is not allowed when
 * skipTLSVerify is not set or false") where kubectl accepts them.
 */
export function loadKubeConfig(options: KubeConfigOptions = {}): KubeConfig {
  const source = resolveKubeConfigSource(options);
  const kc = new KubeConfig();
  if (source.kind === 'in-cluster') {
    kc.loadFromCluster();
  } else {
    const [first, ...rest] = source.paths;
    if (first === undefined) throw new Error('no kubeconfig path');
    kc.loadFromFile(first);
    for (const path of rest) {
      if (!(options.fileExists ?? existsSync)(path)) continue;
      const more = new KubeConfig();
      more.loadFromFile(path);
      kc.mergeConfig(more, true);
    }
  }
  if (options.context !== undefined && options.context !== '') kc.setCurrentContext(options.context);
  allowPlainHttp(kc);
  return kc;
}

/** KubeConfig for a server URL with no credentials (tests, the sandbox). */
export function kubeConfigForServer(server: string, namespace?: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'serin', server, skipTLSVerify: server.startsWith('http:') }],
    users: [{ name: 'serin' }],
    contexts: [{ name: 'serin', cluster: 'serin', user: 'serin', ...(namespace === undefined ? {} : { namespace }) }],
    currentContext: 'serin',
  });
  return kc;
}

function allowPlainHttp(kc: KubeConfig): void {
  kc.clusters = kc.clusters.map((c) => (c.server.startsWith('http:') && !c.skipTLSVerify ? { ...c, skipTLSVerify: true } : c));
}

/** Namespace of the current context (`default` when unset). */
export function currentNamespace(kc: KubeConfig): string {
  return kc.getContextObject(kc.getCurrentContext())?.namespace ?? 'default';
}
