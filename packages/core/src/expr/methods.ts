import { formatGoDuration } from './duration.js';
import { wallClock } from './date.js';
import { exprError } from './errors.js';
import { timeNs } from './operators.js';
import type { Value } from './values.js';
import { GoDuration, GoTime, goTypeName } from './values.js';

// Methods callable on time.Time and time.Duration values (`now().Year()`, `duration("1h").Seconds()`): the
// read-only accessors of Go's time package that upstream expressions use. Nothing else is callable.

const NS = { us: 1_000n, ms: 1_000_000n, s: 1_000_000_000n } as const;

function noArgs(name: string, args: readonly Value[]): void {
  if (args.length !== 0) throw exprError(`too many arguments to call ${name}`);
}

function timeArg(name: string, args: readonly Value[]): GoTime {
  const t = args[0];
  if (args.length !== 1 || !(t instanceof GoTime)) throw exprError(`cannot use ${goTypeName(t ?? null)} as argument (type time.Time) to call ${name}`);
  return t;
}

const TIME_METHODS: Readonly<Record<string, (t: GoTime, args: readonly Value[]) => Value>> = {
  Year: (t) => BigInt(wallClock(t).getUTCFullYear()),
  Month: (t) => BigInt(wallClock(t).getUTCMonth() + 1),
  Day: (t) => BigInt(wallClock(t).getUTCDate()),
  Hour: (t) => BigInt(wallClock(t).getUTCHours()),
  Minute: (t) => BigInt(wallClock(t).getUTCMinutes()),
  Second: (t) => BigInt(wallClock(t).getUTCSeconds()),
  Nanosecond: (t) => BigInt((((t.epochMs % 1000) + 1000) % 1000) * 1_000_000 + t.subMsNs),
  Weekday: (t) => BigInt(wallClock(t).getUTCDay()),
  YearDay: (t) => {
    const w = wallClock(t);
    return BigInt(Math.floor((w.getTime() - Date.UTC(w.getUTCFullYear(), 0, 1)) / 86_400_000) + 1);
  },
  Unix: (t) => BigInt(Math.floor(t.epochMs / 1000)),
  UnixMilli: (t) => BigInt(t.epochMs),
  UnixNano: (t) => timeNs(t),
  UTC: (t) => new GoTime(t.epochMs, t.subMsNs),
  IsZero: (t) => timeNs(t) === -62_135_596_800_000_000_000n,
  Before: (t, args) => timeNs(t) < timeNs(timeArg('Before', args)),
  After: (t, args) => timeNs(t) > timeNs(timeArg('After', args)),
  Equal: (t, args) => timeNs(t) === timeNs(timeArg('Equal', args)),
  Sub: (t, args) => new GoDuration(timeNs(t) - timeNs(timeArg('Sub', args))),
};

const DURATION_METHODS: Readonly<Record<string, (d: GoDuration) => Value>> = {
  Hours: (d) => Number(d.ns) / 3.6e12,
  Minutes: (d) => Number(d.ns) / 6e10,
  Seconds: (d) => Number(d.ns) / 1e9,
  Milliseconds: (d) => d.ns / NS.ms,
  Microseconds: (d) => d.ns / NS.us,
  Nanoseconds: (d) => d.ns,
  String: (d) => formatGoDuration(d),
  Abs: (d) => new GoDuration(d.ns < 0n ? -d.ns : d.ns),
};

/** Calls an allowed method on a time or duration value; everything else fails like expr's runtime fetch. */
export function callMethod(object: Value, name: string, args: readonly Value[]): Value {
  if (object instanceof GoTime && Object.hasOwn(TIME_METHODS, name)) {
    const m = TIME_METHODS[name];
    if (m !== undefined) {
      if (!['Before', 'After', 'Equal', 'Sub'].includes(name)) noArgs(name, args);
      return m(object, args);
    }
  }
  if (object instanceof GoDuration && Object.hasOwn(DURATION_METHODS, name)) {
    const m = DURATION_METHODS[name];
    if (m !== undefined) {
      noArgs(name, args);
      return m(object);
    }
  }
  throw exprError(`cannot fetch ${name} from ${goTypeName(object)}`);
}
