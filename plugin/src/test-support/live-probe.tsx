// Child-process probe for the live view: Ink disables live redraws when it detects CI at import time, so the
// terminal-write test runs here with CI variables removed. Prints the bytes written for the update as JSON.
import { EventEmitter } from 'node:events';
import { startLive } from '../ui/live.js';

class FakeTty extends EventEmitter {
  readonly isTTY = true;
  columns = 120;
  rows = 40;
  readonly writes: string[] = [];
  write(s: string): boolean {
    this.writes.push(s);
    return true;
  }
}

const [frame1 = '', frame2 = ''] = JSON.parse(process.argv[2] ?? '[]') as string[];
const tick = () => new Promise((r) => setTimeout(r, 50));
const tty = new FakeTty();
const live = startLive({ stdout: tty as unknown as NodeJS.WriteStream, rows: () => tty.rows }, frame1);
await tick();
const before = tty.writes.length;
live.update(frame2);
await tick();
const update = tty.writes.slice(before).join('');
live.stop();
process.stdout.write(JSON.stringify({ initial: tty.writes.slice(0, before).join(''), update }));
process.exit(0);
