// `lint -f FILE`. parity: argo-rollouts cmd/lint/lint.go — error bodies on stdout, the first error as `Error:`.
// Validation is @serin/api's (upstream's rules and texts); this file decodes and matches Services to Rollouts.
import { formatFieldError, validateRollout, validateService } from '@serin/api';
import type { FieldError, Rollout } from '@serin/api';
import type { V1Service } from '@kubernetes/client-node';
import type { ActionContext } from './context.js';
import { UsageError, UserError } from './context.js';
import { decodeAll, readText } from './files.js';
import type { ReadText } from './files.js';
import { referencedServiceTypes, unknownFieldError } from './lint-rules.js';

/** `field.Error.ErrorBody()`: the error without its field path. */
const errorBody = (e: FieldError) => formatFieldError(e).slice(e.field.length + 2);

export async function lint(ctx: ActionContext, file: string | undefined, read: ReadText = readText): Promise<void> {
  if (file === undefined || file === '') throw new UsageError();
  const docs = decodeAll(await read(file));
  for (const doc of docs) {
    const unknown = unknownFieldError(doc);
    if (unknown !== undefined) throw new UserError(unknown);
  }
  const rollouts = docs.filter((d) => d.kind === 'Rollout' && (d.apiVersion ?? '').startsWith('argoproj.io/')) as unknown as Rollout[];
  const services = docs.filter((d) => d.kind === 'Service' && d.apiVersion === 'v1') as unknown as V1Service[];
  const errors: FieldError[] = [];
  for (const ro of rollouts) {
    errors.push(...validateRollout({ ...ro, spec: ro.spec ?? {} } as Rollout));
    const types = referencedServiceTypes(ro);
    for (const svc of services) {
      const type = types.get(svc.metadata?.name ?? '');
      if (type === undefined) continue;
      // upstream lint marks every referenced Service as managed by its Rollout before validating
      const managed = { ...svc, metadata: { ...svc.metadata, annotations: { ...svc.metadata?.annotations, 'argo-rollouts.argoproj.io/managed-by-rollouts': ro.metadata?.name ?? '' } } };
      errors.push(...validateService(managed, type, ro));
    }
  }
  for (const e of errors) ctx.io.out(`${errorBody(e)}\n`);
  const first = errors[0];
  if (first !== undefined) throw new UserError(formatFieldError(first));
}
