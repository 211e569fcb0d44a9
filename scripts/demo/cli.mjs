// How the demo runs `kubectl argo rollouts …`: through the real kubectl with plugin/bin first on PATH when
// kubectl is installed (what a user types), else the plugin binary directly (same program, same output).
import { spawn, spawnSync } from 'node:child_process';
import { delimiter, join } from 'node:path';

export function rolloutsCli(root, kubeconfig) {
  const pluginBin = join(root, 'plugin', 'bin');
  const env = { ...process.env, KUBECONFIG: kubeconfig, PATH: `${pluginBin}${delimiter}${process.env.PATH ?? ''}` };
  const hasKubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore', env }).status === 0;
  const argv = (args) => (hasKubectl ? ['kubectl', 'argo', 'rollouts', ...args] : [process.execPath, join(pluginBin, 'kubectl-argo-rollouts'), ...args]);
  return {
    viaKubectl: hasKubectl,
    pluginBin,
    /** Run to completion; returns { status, stdout, stderr }. */
    run(args) {
      const [cmd, ...rest] = argv(args);
      const r = spawnSync(cmd, rest, { env, encoding: 'utf8' });
      return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? r.error?.message ?? '' };
    },
    /** Start with the terminal attached (the live `-w` tree); returns the ChildProcess. */
    attach(args) {
      const [cmd, ...rest] = argv(args);
      return spawn(cmd, rest, { env, stdio: ['ignore', 'inherit', 'inherit'] });
    },
  };
}
