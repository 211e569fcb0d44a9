// Process entry: real streams, clock, Ctrl-C, kubeconfig-backed cluster, Ink live view on a TTY.
import { run } from './commands/program.js';
import { sleep } from './actions/context.js';
import { buildInfo } from './build-info.js';
import type { LiveSink } from './actions/watch.js';

const abort = new AbortController();
process.once('SIGINT', () => abort.abort());
process.once('SIGTERM', () => abort.abort());

// `… | head` closes the pipe early: stop quietly, like kubectl.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}

const write = (stream: NodeJS.WriteStream) => (s: string) => {
  stream.write(s);
};

const live = (initial: string): LiveSink => {
  let sink: LiveSink | undefined;
  let pending: string | undefined = initial;
  // Ink and React load only when a live view is actually shown.
  const ready = import('./ui/live.js').then((m) => {
    sink = m.startLive({ stdout: process.stdout, rows: () => process.stdout.rows }, pending ?? initial);
    pending = undefined;
  });
  return {
    update: (text) => (sink ? sink.update(text) : (pending = text)),
    stop: () => (sink ? sink.stop() : void ready.then(() => sink?.stop())),
  };
};

/** Ink redraws live only outside CI (is-in-ci); there, frames are printed like on a pipe. */
const inCi = (env: NodeJS.ProcessEnv) =>
  env['CI'] !== '0' && env['CI'] !== 'false' && ('CI' in env || 'CONTINUOUS_INTEGRATION' in env || Object.keys(env).some((k) => k.startsWith('CI_')));

const code = await run(process.argv.slice(2), {
  io: { out: write(process.stdout), err: write(process.stderr) },
  env: process.env,
  now: () => Date.now(),
  isTTY: process.stdout.isTTY === true,
  signal: abort.signal,
  sleep,
  connect: async (flags) => (await import('./kube/http-cluster.js')).connectHttp(flags),
  // A terminal that reports no size (some ptys) gets plain frames: Ink would wrap every character.
  ...(inCi(process.env) || !(process.stdout.columns > 0) ? {} : { live }),
  build: buildInfo(),
  home: process.env['HOME'] ?? '',
});
process.exitCode = code;
// Watches and open sockets must not keep a finished command alive.
if (!process.stdout.writableNeedDrain) process.exit(code);
else process.stdout.once('drain', () => process.exit(code));
