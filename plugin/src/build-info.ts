// Build data baked in by the esbuild bundle (--define); a source run reports upstream's dev version shape.
import type { BuildInfo } from './commands/runner.js';

declare const __SERIN_VERSION__: string | undefined;
declare const __SERIN_BUILD_DATE__: string | undefined;
declare const __SERIN_GIT_COMMIT__: string | undefined;
declare const __SERIN_GIT_TREE_STATE__: string | undefined;

export function buildInfo(): BuildInfo {
  return {
    version: typeof __SERIN_VERSION__ === 'string' ? __SERIN_VERSION__ : 'v99.99.99+unknown',
    buildDate: typeof __SERIN_BUILD_DATE__ === 'string' ? __SERIN_BUILD_DATE__ : '1970-01-01T00:00:00Z',
    gitCommit: typeof __SERIN_GIT_COMMIT__ === 'string' ? __SERIN_GIT_COMMIT__ : 'unknown',
    gitTreeState: typeof __SERIN_GIT_TREE_STATE__ === 'string' ? __SERIN_GIT_TREE_STATE__ : 'unknown',
    runtimeVersion: `node${process.versions.node}`,
    platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}`,
  };
}
