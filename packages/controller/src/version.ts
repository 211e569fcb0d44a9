/**
 * The controller version reported by `--version`, `argo_rollouts_controller_info{version}` and the
 * start-up log: `v<package.json version>`. Read at run time so src/ and dist/ agree.
 */
import { readFileSync } from 'node:fs';

export function controllerVersion(): string {
  try {
    const pkg: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    const version = typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string' ? pkg.version : '0.0.0';
    return `v${version}`;
  } catch {
    return 'v0.0.0';
  }
}
