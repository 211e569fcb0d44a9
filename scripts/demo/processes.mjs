// Child processes of the demo: each one logs to a file, is started in its own process group and is killed
// (SIGTERM, then SIGKILL) when the demo ends for any reason — unless `--keep` hands them over to the user.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';

const children = new Set();
let keeping = false;

/** Start `argv` with stdout+stderr appended to `logPath`. */
export function startChild(name, argv, { logPath, env = process.env, cwd } = {}) {
  const fd = openSync(logPath, 'a');
  const [cmd, ...args] = argv;
  const child = spawn(cmd, args, { env, cwd, stdio: ['ignore', fd, fd], detached: true });
  closeSync(fd);
  const entry = { name, child, logPath, exited: false, exitCode: null };
  child.on('exit', (code, signal) => {
    entry.exited = true;
    entry.exitCode = code ?? signal;
  });
  child.on('error', (err) => {
    entry.exited = true;
    entry.exitCode = err.message;
  });
  children.add(entry);
  return entry;
}

/** Last `n` lines of a child's log. */
export function tail(entry, n = 25) {
  if (!existsSync(entry.logPath)) return '';
  return readFileSync(entry.logPath, 'utf8').trimEnd().split('\n').slice(-n).join('\n');
}

/** Wait until the child's log matches `pattern` (returns the match) or fail with its log. */
export async function waitForLog(entry, pattern, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = existsSync(entry.logPath) ? readFileSync(entry.logPath, 'utf8') : '';
    const m = text.match(pattern);
    if (m) return m;
    if (entry.exited) throw new Error(`${entry.name} exited (${entry.exitCode}) before it was ready:\n${tail(entry)}`);
    if (Date.now() > deadline) throw new Error(`${entry.name} was not ready after ${timeoutMs / 1000}s:\n${tail(entry)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Leave every child running (detached) when the demo exits. */
export function keepChildren() {
  keeping = true;
  for (const e of children) e.child.unref();
  return [...children].filter((e) => !e.exited).map((e) => ({ name: e.name, pid: e.child.pid }));
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      /* already gone */
    }
  }
}

/** Synchronous best effort (safe inside an 'exit' handler): SIGKILL what is still alive. */
export function killAllNow() {
  if (keeping) return;
  for (const e of children) if (!e.exited && e.child.pid !== undefined) signalGroup(e.child.pid, 'SIGKILL');
}

/** SIGTERM every child, wait up to 3 s, then SIGKILL the rest. */
export async function stopAll() {
  if (keeping) return;
  const alive = [...children].filter((e) => !e.exited && e.child.pid !== undefined);
  for (const e of alive) signalGroup(e.child.pid, 'SIGTERM');
  const deadline = Date.now() + 3000;
  while (alive.some((e) => !e.exited) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  killAllNow();
}
