/**
 * Reads Kubernetes model metadata from @kubernetes/client-node (OpenAPI v1.34, the API version upstream Argo
 * Rollouts builds against) into a plain `ModelRegistry`: attribute names, types and formats from each model's
 * `attributeTypeMap`, and required-ness from the model's `.d.ts` (`'name': T` vs `'name'?: T`).
 * Build-time only: the library itself never imports client-node values.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import type { ModelRegistry } from '../src/crd/k8s-schema.js';

interface ModelClass {
  attributeTypeMap?: ReadonlyArray<{ name: string; baseName: string; type: string; format: string }>;
}

const require = createRequire(import.meta.url);
const modelsDir = join(dirname(require.resolve('@kubernetes/client-node')), 'gen', 'models');

function requiredAttributes(model: string): Set<string> {
  const text = readFileSync(join(modelsDir, `${model}.d.ts`), 'utf8');
  return new Set([...text.matchAll(/^\s+'([^']+)': /gm)].map((m) => m[1] ?? ''));
}

/** Every model reachable from `roots`, keyed by model name. */
export function loadModelRegistry(roots: readonly string[]): ModelRegistry {
  const classes = k8s as unknown as Record<string, ModelClass | undefined>;
  const registry: ModelRegistry = {};
  const visit = (model: string): void => {
    if (registry[model]) return;
    const attributes = classes[model]?.attributeTypeMap;
    if (!attributes) throw new Error(`@kubernetes/client-node has no model ${model}`);
    const required = requiredAttributes(model);
    registry[model] = attributes.map((a) => ({
      name: a.baseName,
      type: a.type,
      format: a.format,
      required: required.has(a.name),
    }));
    for (const a of attributes) {
      for (const ref of a.type.matchAll(/\b((?:V\d\w*|Core\w+|Events\w+))\b/g)) visit(ref[1] ?? '');
    }
  };
  roots.forEach(visit);
  return registry;
}
