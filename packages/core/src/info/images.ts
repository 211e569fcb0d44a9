// The `Images:` header line: running images with the roles that run them.
// parity: argo-rollouts pkg/kubectl-argo-rollouts/info/rollout_info.go (Images), experiment_info.go (ExperimentImages)
import type { ExperimentInfo, ImageInfo, ReplicaSetInfo, RolloutInfo } from './model.js';
import { InfoTag } from './icons.js';

/**
 * Add `image` to `images`: a new image keeps its tags as given; a repeated image gets the union of both tag sets,
 * sorted by byte order. The list stays sorted by image string.
 */
export function mergeImageAndTags(images: readonly ImageInfo[], image: ImageInfo): ImageInfo[] {
  const i = images.findIndex((x) => x.image === image.image);
  const next = [...images];
  if (i === -1) next.push(image);
  else {
    const existing = images[i] as ImageInfo;
    next[i] = { image: image.image, tags: [...new Set([...image.tags, ...existing.tags])].sort(byteCompare) };
  }
  return next.sort((a, b) => byteCompare(a.image, b.image));
}

/** Go string ordering (UTF-8 bytes), which is code point order. */
export function byteCompare(a: string, b: string): number {
  const ca = [...a];
  const cb = [...b];
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const d = (ca[i]?.codePointAt(0) ?? 0) - (cb[i]?.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return ca.length - cb.length;
}

/** Fixed tag order for one ReplicaSet: canary, stable, active, preview, ping, pong. */
function replicaSetTags(rs: ReplicaSetInfo): string[] {
  const tags: string[] = [];
  if (rs.canary) tags.push(InfoTag.Canary);
  if (rs.stable) tags.push(InfoTag.Stable);
  if (rs.active) tags.push(InfoTag.Active);
  if (rs.preview) tags.push(InfoTag.Preview);
  if (rs.ping) tags.push(InfoTag.Ping);
  if (rs.pong) tags.push(InfoTag.Pong);
  return tags;
}

/** Images of an experiment's ReplicaSets with replicas > 0, tagged `Σ:<template>` when the RS names its template. */
export function experimentImages(exp: ExperimentInfo): ImageInfo[] {
  let images: ImageInfo[] = [];
  for (const rs of exp.replicaSets) {
    if (rs.replicas <= 0) continue;
    for (const image of rs.images) {
      images = mergeImageAndTags(images, { image, tags: rs.template !== '' ? [`Σ:${rs.template}`] : [] });
    }
  }
  return images;
}

/** Images of the rollout's ReplicaSets with replicas > 0 (init containers excluded), then of its experiments. */
export function rolloutImages(ro: RolloutInfo): ImageInfo[] {
  let images: ImageInfo[] = [];
  for (const rs of ro.replicaSets) {
    if (rs.replicas <= 0) continue;
    for (const image of rs.images) images = mergeImageAndTags(images, { image, tags: replicaSetTags(rs) });
  }
  for (const exp of ro.experiments) {
    for (const image of experimentImages(exp)) images = mergeImageAndTags(images, image);
  }
  return images;
}
