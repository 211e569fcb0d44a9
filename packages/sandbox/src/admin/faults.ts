import { ApiError } from '../errors.js';
import type { RequestInfo } from './request-info.js';

export interface FaultOptions {
  /** Fraction (0–1) of HTTP writes answered with `writeFailureCode` instead of being applied. */
  writeFailureRate?: number;
  /** 409 (Conflict) or 500 (InternalError); default 409. */
  writeFailureCode?: 409 | 500;
  /** Only writes to these resources (plurals) fail; all when empty/unset. */
  resources?: string[];
  /** Added to every HTTP request before it is handled (watches: before the stream opens). */
  latencyMs?: number;
}

/**
 * Fault injection for HTTP clients (in-process controllers are never affected). The failing writes are spread
 * deterministically: an accumulator gains `rate` per eligible write and a write fails each time it reaches 1, so
 * exactly ⌊n·rate⌋ of n writes fail, evenly spaced (no randomness to make tests flaky).
 */
export class FaultInjector {
  #options: Required<Pick<FaultOptions, 'writeFailureRate' | 'writeFailureCode' | 'latencyMs'>> & { resources: string[] };
  #credit = 0;
  #injected = 0;

  constructor(options: FaultOptions = {}) {
    this.#options = normalise(options);
  }

  get options(): FaultOptions {
    return structuredClone(this.#options);
  }

  /** Failures injected so far. */
  get injected(): number {
    return this.#injected;
  }

  configure(options: FaultOptions): void {
    this.#options = normalise({ ...this.#options, ...options });
    this.#credit = 0;
  }

  clear(): void {
    this.#options = normalise({});
    this.#credit = 0;
  }

  get latencyMs(): number {
    return this.#options.latencyMs;
  }

  /** The error to answer with, or undefined to serve the request. */
  failureFor(info: RequestInfo): ApiError | undefined {
    const { writeFailureRate, writeFailureCode, resources } = this.#options;
    if (!info.isWrite || writeFailureRate <= 0) return undefined;
    if (resources.length > 0 && !resources.includes(info.resource)) return undefined;
    this.#credit += writeFailureRate;
    if (this.#credit < 1 - 1e-9) return undefined;
    this.#credit -= 1;
    this.#injected++;
    const qualified = info.group === '' ? info.resource : `${info.resource}.${info.group}`;
    if (writeFailureCode === 500) return new ApiError(500, 'InternalError', 'Internal error occurred: injected fault (serin-sandbox)');
    return new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualified}: the object has been modified; please apply your changes to the latest version and try again`, {
      group: info.group,
      kind: info.resource,
    });
  }
}

function normalise(o: FaultOptions): Required<Pick<FaultOptions, 'writeFailureRate' | 'writeFailureCode' | 'latencyMs'>> & { resources: string[] } {
  const rate = o.writeFailureRate ?? 0;
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`writeFailureRate must be within 0..1, got ${rate}`);
  const code = o.writeFailureCode ?? 409;
  if (code !== 409 && code !== 500) throw new RangeError(`writeFailureCode must be 409 or 500, got ${String(code)}`);
  const latency = o.latencyMs ?? 0;
  if (!(latency >= 0)) throw new RangeError(`latencyMs must be ≥ 0, got ${latency}`);
  return { writeFailureRate: rate, writeFailureCode: code, latencyMs: latency, resources: o.resources ?? [] };
}
