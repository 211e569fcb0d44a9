// Full `get rollout` / `get experiment` text: `%-17s%v` header block, a blank line, the tab-aligned tree.
// parity: argo-rollouts cmd/get/get_rollout.go (PrintRollout), get_experiment.go (PrintExperiment)
import { experimentImages, rolloutImages } from '@serin/core';
import type { ExperimentInfo, ImageInfo, RolloutInfo } from '@serin/core';
import { makeColorizer } from './color.js';
import type { Colorizer } from './color.js';
import { tabulate } from './tabwriter.js';
import { experimentRows, headerRow, rolloutRows } from './tree-rows.js';
import type { RowContext } from './tree-rows.js';

export interface ViewOptions {
  readonly nowMs: number;
  readonly color: boolean;
}

/** Go `%-17s%v\n`: label left-justified in 17 columns (longer labels are not cut). */
export function headerLine(label: string, value: string | number): string {
  return `${label.padEnd(17)}${value}\n`;
}

function formatImage(image: ImageInfo, c: Colorizer): string {
  return image.tags.length > 0 ? `${image.image} (${image.tags.map((t) => c.word(t)).join(', ')})` : image.image;
}

function imageLines(images: readonly ImageInfo[], c: Colorizer): string {
  return images.map((img, i) => headerLine(i === 0 ? 'Images:' : '', formatImage(img, c))).join('');
}

/** Header block of `get rollout` (ends with the blank line). */
export function rolloutHeader(ro: RolloutInfo, c: Colorizer): string {
  let out = headerLine('Name:', ro.name) + headerLine('Namespace:', ro.namespace) + headerLine('Status:', `${c.word(ro.icon)} ${ro.status}`);
  if (ro.message !== '') out += headerLine('Message:', ro.message);
  out += headerLine('Strategy:', ro.strategy);
  if (ro.strategy === 'Canary') {
    out += headerLine('  Step:', ro.step) + headerLine('  SetWeight:', ro.setWeight) + headerLine('  ActualWeight:', ro.actualWeight);
  }
  out += imageLines(rolloutImages(ro), c);
  out += 'Replicas:\n';
  out += headerLine('  Desired:', ro.desired) + headerLine('  Current:', ro.current) + headerLine('  Updated:', ro.updated);
  out += headerLine('  Ready:', ro.ready) + headerLine('  Available:', ro.available);
  return `${out}\n`;
}

/** The whole `get rollout NAME` output. */
export function renderRollout(ro: RolloutInfo, opts: ViewOptions): string {
  const c = makeColorizer(opts.color);
  const ctx: RowContext = { nowMs: opts.nowMs, c };
  return rolloutHeader(ro, c) + tabulate([headerRow, ...rolloutRows(ro, ctx)]);
}

/** The whole `get experiment NAME` output. */
export function renderExperiment(exp: ExperimentInfo, opts: ViewOptions): string {
  const c = makeColorizer(opts.color);
  let out = headerLine('Name:', exp.name) + headerLine('Namespace:', exp.namespace) + headerLine('Status:', `${c.word(exp.icon)} ${exp.status}`);
  if (exp.message !== '') out += headerLine('Message:', exp.message);
  out += imageLines(experimentImages(exp), c);
  out += '\n';
  return out + tabulate([headerRow, ...experimentRows(exp, '', '', { nowMs: opts.nowMs, c })]);
}
