// Fast kubeconfig resolution without client-node (which costs ~200 ms to load): handles server, CA, client
// certificates, bearer tokens, basic auth and insecure-skip-tls-verify. Users with `exec` or `auth-provider`,
// and in-cluster config, return undefined so the caller falls back to client-node's KubeConfig.
// parity: k8s.io/client-go tools/clientcmd (KUBECONFIG merge: first file wins per name; first current-context)
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, delimiter } from 'node:path';
import { parse } from 'yaml';
import type { ClientFlags } from './http-cluster.js';

interface Named<T> {
  readonly name: string;
  readonly value: T;
  readonly dir: string;
}

interface RawCluster {
  server?: string;
  'certificate-authority'?: string;
  'certificate-authority-data'?: string;
  'insecure-skip-tls-verify'?: boolean;
  'tls-server-name'?: string;
  'proxy-url'?: string;
}

interface RawUser {
  token?: string;
  tokenFile?: string;
  'client-certificate'?: string;
  'client-certificate-data'?: string;
  'client-key'?: string;
  'client-key-data'?: string;
  username?: string;
  password?: string;
  exec?: unknown;
  'auth-provider'?: unknown;
}

interface RawContext {
  cluster?: string;
  user?: string;
  namespace?: string;
}

export interface FastConfig {
  readonly server: string;
  readonly namespace: string;
  readonly ca?: Buffer;
  readonly cert?: Buffer;
  readonly key?: Buffer;
  readonly token?: string;
  readonly basic?: string;
  readonly insecure: boolean;
  readonly servername?: string;
}

function readList<T>(doc: Record<string, unknown>, key: string, inner: string, dir: string): Named<T>[] {
  const list = doc[key];
  if (!Array.isArray(list)) return [];
  return list
    .filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null && typeof (e as Record<string, unknown>)['name'] === 'string')
    .map((e) => ({ name: e['name'] as string, value: (e[inner] ?? {}) as T, dir }));
}

const resolvePath = (p: string, dir: string) => (isAbsolute(p) ? p : join(dir, p));
const b64 = (s: string) => Buffer.from(s, 'base64');

/** Files named by `--kubeconfig`, else `$KUBECONFIG` (path list), else `~/.kube/config`. */
export function kubeconfigFiles(flags: ClientFlags, env: Readonly<Record<string, string | undefined>>): string[] {
  if (flags.kubeconfig) return [flags.kubeconfig];
  const list = (env['KUBECONFIG'] ?? '').split(delimiter).filter((p) => p !== '');
  if (list.length > 0) return list;
  return [join(env['HOME'] ?? '', '.kube', 'config')];
}

/** Resolve with the fast path, or undefined when client-node must handle it. */
export function resolveFast(flags: ClientFlags, env: Readonly<Record<string, string | undefined>>): FastConfig | undefined {
  const clusters: Named<RawCluster>[] = [];
  const users: Named<RawUser>[] = [];
  const contexts: Named<RawContext>[] = [];
  let current = '';
  let found = false;
  for (const file of kubeconfigFiles(flags, env)) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      if (flags.kubeconfig) return undefined; // let client-node report the missing file
      continue;
    }
    found = true;
    const doc = (parse(text) ?? {}) as Record<string, unknown>;
    const dir = dirname(file);
    clusters.push(...readList<RawCluster>(doc, 'clusters', 'cluster', dir));
    users.push(...readList<RawUser>(doc, 'users', 'user', dir));
    contexts.push(...readList<RawContext>(doc, 'contexts', 'context', dir));
    if (current === '' && typeof doc['current-context'] === 'string') current = doc['current-context'];
  }
  if (!found && !flags.server) return undefined;
  const contextName = flags.context || current;
  const context = contexts.find((c) => c.name === contextName)?.value;
  if (flags.context && context === undefined) return undefined;
  const cluster = clusters.find((c) => c.name === (flags.cluster || context?.cluster));
  const user = users.find((u) => u.name === (flags.user || context?.user));
  if (user?.value.exec !== undefined || user?.value['auth-provider'] !== undefined) return undefined;
  const server = flags.server || cluster?.value.server;
  if (!server || cluster?.value['proxy-url']) return undefined;
  const c = cluster?.value ?? {};
  const u = user?.value ?? {};
  const cdir = cluster?.dir ?? '';
  const udir = user?.dir ?? '';
  const ca = flags.certificateAuthority
    ? readFileSync(flags.certificateAuthority)
    : c['certificate-authority-data'] ? b64(c['certificate-authority-data']) : c['certificate-authority'] ? readFileSync(resolvePath(c['certificate-authority'], cdir)) : undefined;
  const cert = flags.clientCertificate
    ? readFileSync(flags.clientCertificate)
    : u['client-certificate-data'] ? b64(u['client-certificate-data']) : u['client-certificate'] ? readFileSync(resolvePath(u['client-certificate'], udir)) : undefined;
  const key = flags.clientKey
    ? readFileSync(flags.clientKey)
    : u['client-key-data'] ? b64(u['client-key-data']) : u['client-key'] ? readFileSync(resolvePath(u['client-key'], udir)) : undefined;
  const token = flags.token || u.token || (u.tokenFile ? readFileSync(resolvePath(u.tokenFile, udir), 'utf8').trim() : undefined);
  const basic = !token && u.username !== undefined ? Buffer.from(`${u.username}:${u.password ?? ''}`).toString('base64') : undefined;
  const servername = flags.tlsServerName || c['tls-server-name'];
  return {
    server: server.replace(/\/+$/, ''),
    namespace: flags.namespace || context?.namespace || 'default',
    insecure: flags.insecureSkipTlsVerify === true || c['insecure-skip-tls-verify'] === true,
    ...(ca ? { ca } : {}),
    ...(cert ? { cert } : {}),
    ...(key ? { key } : {}),
    ...(token ? { token } : {}),
    ...(basic ? { basic } : {}),
    ...(servername ? { servername } : {}),
  };
}
