// Follow a rollout until a condition holds: the live `get rollout -w` tree on a terminal (or a fresh static
// tree per state change when the output is a log), while checks watch for a missing capability and stop the
// demo loudly instead of waiting forever or pretending.
import { describe, snapshot } from './observe.mjs';

export class MissingCapability extends Error {}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * `until(s)` → true when done. `checks` is a list of `(s, t) => string | undefined` (t = seconds since start);
 * a returned string names what is missing. Returns the final snapshot and the state-change log.
 */
export async function follow({ kube, cli, until, checks = [], timeoutS, tty, printTrees = !tty, onChange }) {
  const watch = tty ? cli.attach(['get', 'rollout', 'demo', '-n', 'demo', '-w']) : undefined;
  const start = Date.now();
  const changes = [];
  let last = '';
  let s;
  try {
    for (;;) {
      s = await snapshot(kube);
      const t = (Date.now() - start) / 1000;
      const line = describe(s);
      if (line !== last) {
        changes.push(`+${t.toFixed(1)}s ${line}`);
        last = line;
        onChange?.(s, t);
        if (printTrees) process.stdout.write(`${cli.run(['get', 'rollout', 'demo', '-n', 'demo']).stdout}\n`);
      }
      if (until(s)) break;
      for (const check of s.observed ? checks : []) {
        const missing = check(s, t);
        if (missing !== undefined) throw new MissingCapability(missing);
      }
      if (t > timeoutS) throw new MissingCapability(`the rollout did not get there within ${timeoutS}s; last state: ${line}`);
      await sleep(250);
    }
    if (watch !== undefined) await sleep(1200); // let the live tree render the final state
  } catch (err) {
    if (err instanceof Error) err.changes = changes;
    throw err;
  } finally {
    if (watch !== undefined && watch.exitCode === null) {
      watch.kill('SIGINT');
      await new Promise((r) => {
        const timer = setTimeout(() => {
          watch.kill('SIGKILL');
          r();
        }, 2000);
        watch.once('exit', () => {
          clearTimeout(timer);
          r();
        });
      });
    }
  }
  return { state: s, changes, seconds: (Date.now() - start) / 1000 };
}
