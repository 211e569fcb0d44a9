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

// parity: argo-rollouts completion.go ValidArgs include powershell
describe('powershell completion', () => {
  it('registers a native argument completer for the plugin binary', async () => {
    const r = await runCli(['completion', 'powershell']);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(r.stdout).toContain("Register-ArgumentCompleter -Native -CommandName 'kubectl-argo-rollouts' -ScriptBlock $__kubectlArgoRolloutsCompleter\n");
  });

  it.each([
    { name: 'root commands', path: '', has: ["'promote'", "'completion'", "'--namespace'"] },
    { name: 'a group offers its subcommands with aliases', path: 'get', has: ["'rollout'", "'ro'", "'rollouts'", "'experiment'"] },
    { name: 'a leaf offers its flags and the global ones', path: 'promote', has: ["'--full'", "'--kubeconfig'"] },
    { name: 'an alias path is a key too', path: 'retry ro', has: ["'--help'"] },
  ])('table: $name', async ({ path, has }) => {
    const script = (await runCli(['completion', 'powershell'])).stdout;
    const row = script.split('\n').find((l) => l.startsWith(`  '${path}' = @(`));
    expect(row).toBeDefined();
    for (const w of has) expect(row).toContain(w);
  });

  it('hashtable keys are unique ignoring case (PowerShell rejects duplicate keys in a literal)', async () => {
    const script = (await runCli(['completion', 'powershell'])).stdout;
    const keys = [...script.matchAll(/^ {2}'([^']*)' = @\(/gm)].map((m) => (m[1] ?? '').toLowerCase());
    expect(keys.length).toBeGreaterThan(20);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('deprecated flags are not offered', async () => {
    const script = (await runCli(['completion', 'powershell'])).stdout;
    expect(script).not.toContain('skip-current-step');
  });
});
