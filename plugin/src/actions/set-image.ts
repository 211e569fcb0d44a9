// `set image`. parity: argo-rollouts cmd/set/set_image.go (GET + PUT, up to 5 attempts on 409)
import { setImage as withImage } from '@serin/core';
import { isConflict, Resources } from '../kube/cluster.js';
import type { KubeObject } from '../kube/cluster.js';
import type { ActionContext } from './context.js';
import { UserError } from './context.js';

const maxAttempts = 5;

export async function setImage(ctx: ActionContext, name: string, container: string, image: string): Promise<void> {
  const cluster = await ctx.cluster();
  const ns = cluster.namespace;
  for (let attempt = 1; ; attempt++) {
    try {
      const ro = await cluster.get(Resources.rollouts, ns, name);
      const ref = (ro.spec as { workloadRef?: { name?: unknown } } | undefined)?.workloadRef;
      let target: KubeObject;
      let rt: typeof Resources.rollouts | typeof Resources.deployments = Resources.rollouts;
      if (ref !== undefined) {
        if (typeof ref.name !== 'string') throw new UserError(`spec.workloadRef.name is not a string: ${String(ref.name)}`);
        rt = Resources.deployments;
        target = await cluster.get(rt, ns, ref.name);
      } else target = ro;
      let updated: KubeObject;
      try {
        updated = withImage(target, container, image);
      } catch (e) {
        throw new UserError((e as Error).message);
      }
      const saved = await cluster.replace(rt, ns, updated);
      ctx.io.out(`${(saved.kind ?? rt.kind).toLowerCase()} "${saved.metadata?.name ?? name}" image updated\n`);
      return;
    } catch (e) {
      if (isConflict(e) && attempt < maxAttempts) continue;
      throw e;
    }
  }
}
