// `undo [--to-revision N]`. parity: argo-rollouts cmd/undo/undo.go
import { buildUndoPatch, findUndoTarget, isOwnedBy, templateMatches } from '@serin/core';
import { PatchType, Resources } from '../kube/cluster.js';
import type { KubeObject, ResourceType } from '../kube/cluster.js';
import type { ActionContext } from './context.js';
import { UserError } from './context.js';

function selectorString(ro: KubeObject): string {
  const sel = (ro.spec as { selector?: { matchLabels?: Record<string, string> } } | undefined)?.selector;
  return Object.entries(sel?.matchLabels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

const workloadTypes: Readonly<Record<string, ResourceType>> = {
  Deployment: Resources.deployments,
  ReplicaSet: Resources.replicaSets,
  PodTemplate: Resources.podTemplates,
};

export async function undo(ctx: ActionContext, name: string, toRevision: number): Promise<void> {
  const cluster = await ctx.cluster();
  const ns = cluster.namespace;
  const ro = await cluster.get(Resources.rollouts, ns, name);
  let all: KubeObject[];
  try {
    all = (await cluster.list(Resources.replicaSets, ns, { labelSelector: selectorString(ro) })).items;
  } catch (e) {
    throw new UserError(`failed to retrieve replica sets from rollout ${name}: ${(e as Error).message}`);
  }
  const owned = all.filter((rs) => isOwnedBy(rs.metadata, ro.metadata?.uid));
  const target = findUndoTarget(name, owned, toRevision);
  if (!target.ok) throw new UserError(target.error);
  if (templateMatches((ro.spec as { template?: unknown } | undefined)?.template, target.rs)) {
    ctx.io.out(`skipped rollback (current template already matches revision ${toRevision})`);
    return;
  }
  const patch = buildUndoPatch(target.rs);
  const ref = (ro.spec as { workloadRef?: { kind?: string; name?: string } } | undefined)?.workloadRef;
  try {
    if (ref !== undefined) {
      const rt = workloadTypes[ref.kind ?? ''];
      if (rt === undefined) throw new Error(`workload of type ${ref.kind} is not supported`);
      await cluster.patch(rt, ns, ref.name ?? '', PatchType.Json, patch);
    } else await cluster.patch(Resources.rollouts, ns, name, PatchType.Json, patch);
  } catch (e) {
    throw new UserError(`failed restoring revision ${toRevision}: ${(e as Error).message}`);
  }
  ctx.io.out(`rollout '${name}' undo\n`);
}
