import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveFast } from './kubeconfig.js';

const dir = mkdtempSync(join(tmpdir(), 'serin-kc-'));
const write = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
write('token', 'secret-token\n');
const a = write('a.yaml', `apiVersion: v1
kind: Config
current-context: ctx-a
clusters:
- name: c1
  cluster: {server: "https://a.example:6443/", certificate-authority-data: "Y2E="}
users:
- name: u1
  user: {tokenFile: token}
- name: u-exec
  user: {exec: {command: aws}}
contexts:
- name: ctx-a
  context: {cluster: c1, user: u1, namespace: team-a}
- name: ctx-exec
  context: {cluster: c1, user: u-exec}
`);
const b = write('b.yaml', `clusters:
- name: c1
  cluster: {server: "http://ignored"}
- name: c2
  cluster: {server: "http://b.example", insecure-skip-tls-verify: true}
users:
- name: u2
  user: {username: admin, password: pw}
contexts:
- name: ctx-b
  context: {cluster: c2, user: u2}
current-context: ctx-b
`);

describe('resolveFast (kubeconfig without client-node)', () => {
  it('merges KUBECONFIG files: first file wins per name and for current-context; tokenFile relative to its file', () => {
    const cfg = resolveFast({}, { KUBECONFIG: `${a}:${b}` });
    expect(cfg).toMatchObject({ server: 'https://a.example:6443', namespace: 'team-a', token: 'secret-token', insecure: false });
    expect(cfg?.ca?.toString()).toBe('ca');
  });
  it('--context selects another context; namespace defaults to default; basic auth', () => {
    expect(resolveFast({ context: 'ctx-b' }, { KUBECONFIG: `${a}:${b}` })).toMatchObject({ server: 'http://b.example', namespace: 'default', insecure: true, basic: Buffer.from('admin:pw').toString('base64') });
  });
  it('flags override: -n, --server, --token, --insecure-skip-tls-verify', () => {
    expect(resolveFast({ namespace: 'x', server: 'https://s', token: 't', insecureSkipTlsVerify: true }, { KUBECONFIG: a })).toMatchObject({ server: 'https://s', namespace: 'x', token: 't', insecure: true });
  });
  it.each([
    { name: 'exec user', flags: { context: 'ctx-exec' }, env: { KUBECONFIG: a } },
    { name: 'unknown --context', flags: { context: 'nope' }, env: { KUBECONFIG: a } },
    { name: 'no kubeconfig at all', flags: {}, env: { HOME: join(dir, 'nohome') } },
  ])('falls back to client-node: $name', ({ flags, env }) => {
    expect(resolveFast(flags, env)).toBeUndefined();
  });
});
