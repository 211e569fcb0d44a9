import type { FaultOptions } from './faults.js';

/** `serin-sandbox` flags for part 2 (spread into `parseArgs` options). */
export const ADMIN_FLAGS = {
  'fail-writes': { type: 'string' },
  'fail-writes-code': { type: 'string' },
  'fail-resources': { type: 'string' },
  'latency-ms': { type: 'string' },
  'kubelet-paused': { type: 'boolean' },
  'no-controllers': { type: 'boolean' },
} as const;

export interface AdminFlagValues {
  'fail-writes'?: string | undefined;
  'fail-writes-code'?: string | undefined;
  'fail-resources'?: string | undefined;
  'latency-ms'?: string | undefined;
  'kubelet-paused'?: boolean | undefined;
  'no-controllers'?: boolean | undefined;
}

export interface AdminFlags {
  faults?: FaultOptions;
  controllers: boolean;
  kubeletPaused: boolean;
}

/**
 * `--fail-writes 0.2 --fail-writes-code 409|500 --fail-resources pods,configmaps --latency-ms 50
 * --kubelet-paused --no-controllers` → sandbox options. Throws a RangeError naming the bad flag.
 */
export function parseAdminFlags(v: AdminFlagValues): AdminFlags {
  const faults: FaultOptions = {};
  const num = (flag: keyof AdminFlagValues, raw: string): number => {
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n) || n < 0) throw new RangeError(`--${flag} takes a non-negative number, got "${raw}"`);
    return n;
  };
  if (v['fail-writes'] !== undefined) {
    faults.writeFailureRate = num('fail-writes', v['fail-writes']);
    if (faults.writeFailureRate > 1) throw new RangeError(`--fail-writes takes a fraction within 0..1, got "${v['fail-writes']}"`);
  }
  if (v['fail-writes-code'] !== undefined) {
    const code = v['fail-writes-code'];
    if (code !== '409' && code !== '500') throw new RangeError(`--fail-writes-code takes 409 or 500, got "${code}"`);
    faults.writeFailureCode = code === '409' ? 409 : 500;
  }
  if (v['fail-resources'] !== undefined) faults.resources = v['fail-resources'].split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (v['latency-ms'] !== undefined) faults.latencyMs = num('latency-ms', v['latency-ms']);
  const out: AdminFlags = { controllers: v['no-controllers'] !== true, kubeletPaused: v['kubelet-paused'] === true };
  if (Object.keys(faults).length > 0) out.faults = faults;
  return out;
}
