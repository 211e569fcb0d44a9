// Mounts LiveView on a terminal with Ink's incremental rendering; returns update/stop handles.
import { render } from 'ink';
import { LiveView } from './live-view.js';

export interface LiveHandle {
  update(text: string): void;
  stop(): void;
}

export interface LiveTarget {
  readonly stdout: NodeJS.WriteStream;
  readonly stdin?: NodeJS.ReadStream;
  readonly rows: () => number | undefined;
}

export function startLive(target: LiveTarget, initial: string): LiveHandle {
  const instance = render(<LiveView text={initial} rows={target.rows()} />, {
    stdout: target.stdout,
    ...(target.stdin ? { stdin: target.stdin } : {}),
    exitOnCtrlC: false,
    patchConsole: false,
    incrementalRendering: true,
  });
  return {
    update: (text) => instance.rerender(<LiveView text={text} rows={target.rows()} />),
    stop: () => instance.unmount(),
  };
}
