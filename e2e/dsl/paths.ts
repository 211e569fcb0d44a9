/** Repository paths the e2e suite and the demo need (resolved from this file, not the working directory). */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const pluginBinDir = join(repoRoot, 'plugin', 'bin');
export const pluginBundle = join(repoRoot, 'plugin', 'dist', 'kubectl-argo-rollouts.mjs');
export const crdsDir = join(repoRoot, 'crds');
export const fixturesDir = join(repoRoot, 'e2e', 'fixtures');
export const controllerMain = join(repoRoot, 'packages', 'controller', 'src', 'main.ts');
export const tsxBin = join(repoRoot, 'node_modules', '.bin', 'tsx');
