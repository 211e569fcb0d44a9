// `lint -f FILE`. parity: argo-rollouts cmd/lint/lint.go — error bodies on stdout, the first error as `Error:`.
// Validation is @serin/api's (upstream's rules and texts); this file decodes the documents and hands each Rollout
// the Services, Ingresses and VirtualServices lint assigns to it (lint-references.ts).
import { ANNOTATION, formatFieldError, validateRollout, validateService } from '@serin/api';
import type { FieldError, Rollout } from '@serin/api';
import { validateVirtualServiceReference } from '@serin/core';
import type { JsonObject } from '@serin/core';
import type { V1Service } from '@kubernetes/client-node';
import type { ActionContext } from './context.js';
import { UsageError, UserError } from './context.js';
import { decodeAll, readText } from './files.js';
import type { ReadText } from './files.js';
import type { KubeObject } from '../kube/cluster.js';
import { unknownFieldError, unstructuredError } from './lint-rules.js';
import { assignReferences, groupVersion, referencesOf } from './lint-references.js';
import { validateIngressReference } from './lint-ingress.js';

/** `field.Error.ErrorBody()`: the error without its field path. */
const errorBody = (e: FieldError) => formatFieldError(e).slice(e.field.length + 2);

/** The Service as lint validates it: annotated as managed by the Rollout that claimed it. */
function managedService(svc: KubeObject, owner: string): V1Service {
  const annotations = { ...svc.metadata?.annotations, [ANNOTATION.ManagedByRollouts]: owner };
  return { ...svc, metadata: { ...svc.metadata, annotations } } as unknown as V1Service;
}

/** Per Rollout, in file order: its own validation, then its Services, Ingresses and VirtualServices (file order). */
export async function lint(ctx: ActionContext, file: string | undefined, read: ReadText = readText): Promise<void> {
  if (file === undefined || file === '') throw new UsageError();
  const docs = decodeAll(await read(file));
  for (const doc of docs) {
    const error = unstructuredError(doc) ?? unknownFieldError(doc);
    if (error !== undefined) throw new UserError(error);
  }
  const rollouts = docs.filter((d) => d.kind === 'Rollout' && groupVersion(d.apiVersion).group === 'argoproj.io') as unknown as Rollout[];
  const refs = assignReferences(rollouts, docs);
  const errors: FieldError[] = [];
  for (const ro of rollouts) {
    const rollout = { ...ro, spec: ro.spec ?? {} } as Rollout;
    errors.push(...validateRollout(rollout));
    const mine = referencesOf(rollout, refs);
    for (const svc of mine.services) if (svc.type !== undefined) errors.push(...validateService(managedService(svc.obj, svc.owner ?? ''), svc.type, rollout));
    for (const ing of mine.ingresses) errors.push(...validateIngressReference(rollout, ing.obj));
    for (const vs of mine.virtualServices) errors.push(...validateVirtualServiceReference(rollout, vs.obj as JsonObject));
  }
  for (const e of errors) ctx.io.out(`${errorBody(e)}\n`);
  const first = errors[0];
  if (first !== undefined) throw new UserError(formatFieldError(first));
}
