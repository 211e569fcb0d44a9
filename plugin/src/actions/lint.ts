// `lint -f FILE`. parity: argo-rollouts cmd/lint/lint.go — error bodies on stdout, the first error as `Error:`.
import type { ActionContext } from './context.js';
import { UsageError, UserError } from './context.js';
import { decodeAll, readText } from './files.js';
import type { ReadText } from './files.js';
import { fieldErrorText, unknownFieldError, validateReferencedServices, validateRolloutSpec } from './lint-rules.js';
import type { FieldError } from './lint-rules.js';

export async function lint(ctx: ActionContext, file: string | undefined, read: ReadText = readText): Promise<void> {
  if (file === undefined || file === '') throw new UsageError();
  const docs = decodeAll(await read(file));
  for (const doc of docs) {
    const unknown = unknownFieldError(doc);
    if (unknown !== undefined) throw new UserError(unknown);
  }
  const rollouts = docs.filter((d) => d.kind === 'Rollout' && (d.apiVersion ?? '').startsWith('argoproj.io/'));
  const services = docs.filter((d) => d.kind === 'Service' && d.apiVersion === 'v1');
  const errors: FieldError[] = [];
  for (const ro of rollouts) errors.push(...validateRolloutSpec(ro), ...validateReferencedServices(ro, services));
  for (const e of errors) ctx.io.out(`${e.body}\n`);
  const first = errors[0];
  if (first !== undefined) throw new UserError(fieldErrorText(first));
}
