// `set image`: the object to PUT back. parity: argo-rollouts pkg/kubectl-argo-rollouts/cmd/set/set_image.go

export interface ParsedImageArg {
  readonly container: string;
  readonly image: string;
}

/** `CONTAINER=IMAGE` split on `=`; anything but exactly two parts is a usage error (undefined). */
export function parseImageArg(arg: string): ParsedImageArg | undefined {
  const parts = arg.split('=');
  if (parts.length !== 2) return undefined;
  return { container: parts[0] ?? '', image: parts[1] ?? '' };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A copy of `obj` (Rollout or Deployment) with `image` set on every container named `container` (`*` = all) in
 * spec.template.spec initContainers, containers and ephemeralContainers. Throws upstream's error when none matched.
 */
export function setImage<T>(obj: T, container: string, image: string): T {
  const copy = structuredClone(obj) as unknown;
  let found = false;
  const podSpec = isRecord(copy) && isRecord(copy['spec']) && isRecord(copy['spec']['template']) ? copy['spec']['template']['spec'] : undefined;
  if (isRecord(podSpec)) {
    for (const field of ['initContainers', 'containers', 'ephemeralContainers']) {
      const list = podSpec[field];
      if (!Array.isArray(list)) continue;
      for (const ctr of list) {
        if (isRecord(ctr) && (ctr['name'] === container || container === '*')) {
          ctr['image'] = image;
          found = true;
        }
      }
    }
  }
  if (!found) throw new Error(`unable to find container named "${container}"`);
  return copy as T;
}
