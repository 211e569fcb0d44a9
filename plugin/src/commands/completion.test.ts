// The generated bash completion, exercised by bash itself.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCli } from '../test-support/harness.js';

async function complete(words: string[]): Promise<string[]> {
  const script = (await runCli(['completion', 'bash'])).stdout;
  const quoted = words.map((w) => `'${w}'`).join(' ');
  const out = execFileSync('bash', ['-c', `${script}\nCOMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _kubectl_argo_rollouts; echo "\${COMPREPLY[@]}"`], { encoding: 'utf8' });
  return out.trim().split(' ').filter((w) => w !== '');
}

describe('bash completion', () => {
  it.each([
    { name: 'subcommand prefix', words: ['kubectl-argo-rollouts', 'pro'], want: ['promote'] },
    { name: 'aliases of a group', words: ['kubectl-argo-rollouts', 'get', 'ro'], want: ['rollout', 'ro', 'rollouts'] },
    { name: 'flags after a resource name', words: ['kubectl-argo-rollouts', 'promote', 'guestbook', '--f'], want: ['--full'] },
    { name: 'global flags are offered too', words: ['kubectl-argo-rollouts', 'abort', 'x', '--kubec'], want: ['--kubeconfig'] },
  ])('$name', async ({ words, want }) => {
    expect(await complete(words)).toEqual(want);
  });
});
