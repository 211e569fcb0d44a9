// Global (persistent) flags: Kubernetes client flags plus the plugin's own. parity: cli-output.md §1.1
import type { Command } from 'commander';
import type { ClientFlags } from '../kube/http-cluster.js';
import { addFlag } from './spec.js';
import type { FlagSpec } from './spec.js';

export function globalFlags(home: string): FlagSpec[] {
  return [
    { long: 'as', type: 'string', usage: 'Username to impersonate for the operation' },
    { long: 'as-group', type: 'stringArray', usage: 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups.' },
    { long: 'as-uid', type: 'string', usage: 'UID to impersonate for the operation' },
    { long: 'cache-dir', type: 'string', usage: 'Default cache directory', defaultValue: `${home}/.kube/cache` },
    { long: 'certificate-authority', type: 'string', usage: 'Path to a cert file for the certificate authority' },
    { long: 'client-certificate', type: 'string', usage: 'Path to a client certificate file for TLS' },
    { long: 'client-key', type: 'string', usage: 'Path to a client key file for TLS' },
    { long: 'cluster', type: 'string', usage: 'The name of the kubeconfig cluster to use' },
    { long: 'context', type: 'string', usage: 'The name of the kubeconfig context to use' },
    { long: 'disable-compression', type: 'bool', usage: 'If true, opt-out of response compression for all requests to the server' },
    { long: 'insecure-skip-tls-verify', type: 'bool', usage: "If true, the server's certificate will not be checked for validity. This will make your HTTPS connections insecure" },
    { long: 'kloglevel', short: 'v', type: 'int', usage: 'Log level for kubernetes client library' },
    { long: 'kubeconfig', type: 'string', usage: 'Path to the kubeconfig file to use for CLI requests.' },
    { long: 'loglevel', type: 'string', usage: 'Log level for kubectl argo rollouts', defaultValue: 'info' },
    { long: 'namespace', short: 'n', type: 'string', usage: 'If present, the namespace scope for this CLI request' },
    { long: 'request-timeout', type: 'string', usage: 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests.', defaultValue: '0' },
    { long: 'server', short: 's', type: 'string', usage: 'The address and port of the Kubernetes API server' },
    { long: 'tls-server-name', type: 'string', usage: 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' },
    { long: 'token', type: 'string', usage: 'Bearer token for authentication to the API server' },
    { long: 'user', type: 'string', usage: 'The name of the kubeconfig user to use' },
  ];
}

export function addGlobalFlags(root: Command, home: string): void {
  for (const f of globalFlags(home)) addFlag(root, f);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Client flags from commander's merged options (`optsWithGlobals()`). */
export function readClientFlags(o: Record<string, unknown>): ClientFlags {
  const timeout = str(o['requestTimeout']);
  const groups = Array.isArray(o['asGroup']) ? (o['asGroup'] as string[]) : undefined;
  const pick: Record<string, string | undefined> = {
    kubeconfig: str(o['kubeconfig']),
    context: str(o['context']),
    cluster: str(o['cluster']),
    user: str(o['user']),
    server: str(o['server']),
    token: str(o['token']),
    namespace: str(o['namespace']),
    certificateAuthority: str(o['certificateAuthority']),
    clientCertificate: str(o['clientCertificate']),
    clientKey: str(o['clientKey']),
    tlsServerName: str(o['tlsServerName']),
    as: str(o['as']),
    asUid: str(o['asUid']),
    requestTimeout: timeout !== undefined && timeout !== '0' ? timeout : undefined,
  };
  const defined = Object.fromEntries(Object.entries(pick).filter(([, v]) => v !== undefined));
  return {
    ...defined,
    ...(o['insecureSkipTlsVerify'] === true ? { insecureSkipTlsVerify: true } : {}),
    ...(groups !== undefined ? { asGroup: groups } : {}),
  };
}
