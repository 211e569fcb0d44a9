import { describe, expect, it } from 'vitest';
import { runCli } from '../test-support/harness.js';
import { logLevelError } from './log-level.js';

// parity: sirupsen/logrus ParseLevel (case-insensitive names, `not a valid logrus Level: %q`)
describe('--loglevel', () => {
  it.each(['panic', 'fatal', 'error', 'warn', 'warning', 'info', 'debug', 'trace', 'DEBUG', 'Warn'])('%s is a level', (v) => {
    expect(logLevelError(v)).toBeUndefined();
  });

  it.each([
    { value: 'verbose', error: 'not a valid logrus Level: "verbose"' },
    { value: '', error: 'not a valid logrus Level: ""' },
    { value: '5', error: 'not a valid logrus Level: "5"' },
    { value: 'a"b', error: 'not a valid logrus Level: "a\\"b"' },
  ])('$value is refused', ({ value, error }) => {
    expect(logLevelError(value)).toBe(error);
  });

  it('an invalid level fails any command before it runs (upstream PersistentPreRunE), exit 1', async () => {
    const r = await runCli(['version', '--short', '--loglevel', 'verbose']);
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 1, stdout: '', stderr: 'Error: not a valid logrus Level: "verbose"\n' });
  });

  it('a valid one changes nothing', async () => {
    const r = await runCli(['version', '--short', '--loglevel', 'debug']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^kubectl-argo-rollouts: v/);
  });
});
