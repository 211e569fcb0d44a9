/**
 * Resolving `valueFrom.secretKeyRef` arguments just before measuring. The values are returned separately so the
 * caller can redact them from measurement messages and metadata; they are never logged.
 * parity: argo-rollouts analysis/analysis.go resolveArgs
 */
import type { V1Secret } from '@kubernetes/client-node';
import type { Argument } from '@serin/api';
import type { ResourceClient } from '@serin/kube';
import { errorMessage } from './provider.js';

export type SecretReader = Pick<ResourceClient<V1Secret>, 'get'>;

export interface ResolvedSecretArgs {
  readonly args: Argument[];
  /** Secret values, for redaction. */
  readonly secrets: string[];
}

/** Each secretKeyRef argument gets the secret's decoded value; `key '<k>' does not exist in secret '<s>'` when absent. */
export async function resolveSecretArgs(args: readonly Argument[] | undefined, namespace: string, secrets: SecretReader): Promise<ResolvedSecretArgs | { error: string }> {
  const out: Argument[] = [];
  const values = new Set<string>();
  for (const arg of args ?? []) {
    const ref = arg.valueFrom?.secretKeyRef;
    if (ref === undefined) {
      out.push(arg);
      continue;
    }
    let secret: V1Secret;
    try {
      secret = await secrets.get(namespace, ref.name);
    } catch (e) {
      return { error: errorMessage(e) };
    }
    const data = secret.data?.[ref.key];
    const plain = secret.stringData?.[ref.key];
    if (data === undefined && plain === undefined) return { error: `key '${ref.key}' does not exist in secret '${ref.name}'` };
    const value = data !== undefined ? Buffer.from(data, 'base64').toString('utf8') : (plain ?? '');
    values.add(value);
    out.push({ ...arg, value });
  }
  return { args: out, secrets: [...values] };
}
