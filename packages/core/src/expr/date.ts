import { exprError } from './errors.js';
import { GoTime } from './values.js';

// parity: Go time.Parse / time.ParseInLocation / time.LoadLocation as used by expr-lang's `date()` builtin.
// Supported layout elements: 2006 06 01 1 Jan January 02 2 _2 002 15 03 3 04 4 05 5 PM pm Mon Monday MST
// Z07:00 Z0700 Z07 -07:00 -0700 -07 and fractional seconds (.000 .999 ,000); anything else is literal text.

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Layout elements, longest first so that `January` wins over `Jan` and `2006` over `2`. */
const ELEMENTS = [
  'January', 'Monday', 'Z07:00', '-07:00', 'Z0700', '-0700', '2006', 'Jan', 'Mon', 'MST', 'Z07', '-07', '002',
  '01', '02', '_2', '15', '03', '04', '05', '06', 'PM', 'pm', '1', '2', '3', '4', '5',
];

/** Layouts tried, in order, by `date(str)` without an explicit layout. */
export const DEFAULT_DATE_LAYOUTS = [
  '2006-01-02',
  '15:04:05',
  '2006-01-02 15:04:05',
  '2006-01-02T15:04:05Z07:00', // RFC3339
  '02 Jan 06 15:04 MST', // RFC822
  'Monday, 02-Jan-06 15:04:05 MST', // RFC850
  'Mon, 02 Jan 2006 15:04:05 MST', // RFC1123
] as const;

/** Resolves a zone name like Go's time.LoadLocation: `""`/`UTC` → UTC, `Local` → UTC (core has no host zone). */
export function loadLocation(name: string): string {
  if (name === '' || name === 'UTC' || name === 'Local') return 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
  } catch {
    throw exprError(`unknown time zone ${name}`);
  }
  return name;
}

/** Offset of `zone` from UTC at instant `epochMs`, in milliseconds. */
export function zoneOffsetMs(zone: string, epochMs: number): number {
  if (zone === 'UTC') return 0;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  }).formatToParts(new Date(Math.floor(epochMs / 1000) * 1000));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? '0');
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(epochMs / 1000) * 1000;
}

/** Offset of a GoTime's location at its instant, in milliseconds. */
export const offsetOf = (t: GoTime): number => (t.fixedOffsetSeconds !== undefined ? t.fixedOffsetSeconds * 1000 : zoneOffsetMs(t.zone, t.epochMs));

interface Fields {
  year: number; month: number; day: number; hour: number; minute: number; second: number; nanos: number;
  pm?: boolean; offsetSeconds?: number; yearDay?: number;
}

/**
 * Parses `value` with a Go reference layout. Without a zone in the value the wall time is read in `zone`
 * (time.ParseInLocation); `Z`/`+hh:mm` in the value fix the offset. Errors read like Go's:
 * `parsing time "x" as "2006-01-02": cannot parse "x" as "2006"`.
 */
export function parseGoTime(value: string, layout: string, zone = 'UTC'): GoTime {
  const f: Fields = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0, nanos: 0 };
  let rest = value;
  let lay = layout;
  const bad = (elem: string): never => {
    throw exprError(`parsing time ${JSON.stringify(value)} as ${JSON.stringify(layout)}: cannot parse ${JSON.stringify(rest)} as ${JSON.stringify(elem)}`);
  };
  const num = (elem: string, min: number, max: number): number => {
    const m = new RegExp(`^\\d{${min},${max}}`).exec(rest);
    if (m === null) return bad(elem);
    rest = rest.slice(m[0].length);
    return Number(m[0]);
  };
  const word = (elem: string, names: readonly string[], short: boolean): number => {
    const i = names.findIndex((n) => rest.toLowerCase().startsWith((short ? n.slice(0, 3) : n).toLowerCase()));
    if (i < 0) return bad(elem);
    rest = rest.slice((short ? 3 : names[i]?.length) ?? 0);
    return i;
  };
  while (lay !== '') {
    const frac = /^[.,](0+|9+)(?!\d)/.exec(lay);
    const elem = frac?.[0] ?? ELEMENTS.find((e) => lay.startsWith(e));
    if (elem === undefined) {
      if (!rest.startsWith(lay.charAt(0))) bad(lay);
      rest = rest.slice(1);
      lay = lay.slice(1);
      continue;
    }
    lay = lay.slice(elem.length);
    if (frac !== null && frac !== undefined) {
      const m = /^[.,](\d+)/.exec(rest);
      if (m === null) {
        if (elem.charAt(1) === '9') continue;
        bad(elem);
      }
      rest = rest.slice(m?.[0].length ?? 0);
      f.nanos = Number((m?.[1] ?? '').slice(0, 9).padEnd(9, '0'));
      continue;
    }
    switch (elem) {
      case '2006': f.year = num(elem, 4, 4); break;
      case '06': { const y = num(elem, 2, 2); f.year = y >= 69 ? 1900 + y : 2000 + y; break; }
      case 'January': f.month = word(elem, MONTHS, false) + 1; break;
      case 'Jan': f.month = word(elem, MONTHS, true) + 1; break;
      case '01': f.month = num(elem, 2, 2); break;
      case '1': f.month = num(elem, 1, 2); break;
      case 'Monday': word(elem, DAYS, false); break;
      case 'Mon': word(elem, DAYS, true); break;
      case '02': f.day = num(elem, 2, 2); break;
      case '_2': if (rest.startsWith(' ')) rest = rest.slice(1); f.day = num(elem, 1, 2); break;
      case '2': f.day = num(elem, 1, 2); break;
      case '002': f.yearDay = num(elem, 3, 3); break;
      case '15': f.hour = num(elem, 1, 2); break;
      case '03': f.hour = num(elem, 2, 2); break;
      case '3': f.hour = num(elem, 1, 2); break;
      case '04': f.minute = num(elem, 2, 2); break;
      case '4': f.minute = num(elem, 1, 2); break;
      case '05': case '5': {
        f.second = num(elem, elem.length, 2);
        const m = /^[.,](\d+)/.exec(rest);
        if (m !== null && !/^[.,](0+|9+)(?!\d)/.test(lay)) {
          f.nanos = Number((m[1] ?? '').slice(0, 9).padEnd(9, '0'));
          rest = rest.slice(m[0].length);
        }
        break;
      }
      case 'PM': case 'pm': {
        const ampm = rest.slice(0, 2).toUpperCase();
        if (ampm !== 'AM' && ampm !== 'PM') bad(elem);
        f.pm = ampm === 'PM';
        rest = rest.slice(2);
        break;
      }
      case 'MST': {
        const m = /^(UTC|GMT|[A-Z]{3,5}|[+-]\d{2,4})/.exec(rest);
        if (m === null) bad(elem);
        if (m?.[0] === 'UTC' || m?.[0] === 'GMT') f.offsetSeconds = 0;
        rest = rest.slice(m?.[0].length ?? 0);
        break;
      }
      default: {
        // numeric zone: Z07:00 Z0700 Z07 -07:00 -0700 -07
        if (elem.startsWith('Z') && rest.startsWith('Z')) {
          rest = rest.slice(1);
          f.offsetSeconds = 0;
          break;
        }
        const pattern = elem.endsWith(':00') ? /^([+-])(\d{2}):(\d{2})/ : elem.endsWith('0700') ? /^([+-])(\d{2})(\d{2})/ : /^([+-])(\d{2})()/;
        const m = pattern.exec(rest);
        if (m === null) return bad(elem);
        f.offsetSeconds = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3] || '0') * 60);
        rest = rest.slice(m[0].length);
      }
    }
  }
  if (rest !== '') throw exprError(`parsing time ${JSON.stringify(value)}: extra text: ${JSON.stringify(rest)}`);
  return buildTime(value, layout, f, zone);
}

function buildTime(value: string, layout: string, f: Fields, zone: string): GoTime {
  const range = (what: string): never => {
    throw exprError(`parsing time ${JSON.stringify(value)}${layout === '' ? '' : ` as ${JSON.stringify(layout)}`}: ${what} out of range`);
  };
  if (f.pm !== undefined) {
    if (f.hour < 1 || f.hour > 12) range('hour');
    if (f.pm && f.hour < 12) f.hour += 12;
    if (!f.pm && f.hour === 12) f.hour = 0;
  }
  if (f.month < 1 || f.month > 12) range('month');
  if (f.hour > 23) range('hour');
  if (f.minute > 59) range('minute');
  if (f.second > 59) range('second');
  const daysInMonth = new Date(Date.UTC(f.year, f.month, 0)).getUTCDate();
  if (f.day < 1 || f.day > daysInMonth) range('day');
  const wallDate = new Date(0);
  wallDate.setUTCFullYear(f.year, f.month - 1, f.day);
  wallDate.setUTCHours(f.hour, f.minute, f.second, Math.floor(f.nanos / 1e6));
  if (f.yearDay !== undefined) {
    wallDate.setUTCFullYear(f.year, 0, f.yearDay);
  }
  const wall = wallDate.getTime();
  const subMsNs = f.nanos % 1_000_000;
  if (f.offsetSeconds !== undefined) {
    const offset = f.offsetSeconds;
    return offset === 0 && zone === 'UTC' ? new GoTime(wall, subMsNs) : new GoTime(wall - offset * 1000, subMsNs, '', offset);
  }
  // Wall clock in `zone` → instant: correct the first guess by the offset in force at it.
  const guess = wall - zoneOffsetMs(zone, wall);
  return new GoTime(wall - zoneOffsetMs(zone, guess), subMsNs, zone);
}

/** Wall-clock fields of a GoTime in its own location. */
export function wallClock(t: GoTime): Date {
  return new Date(t.epochMs + offsetOf(t));
}
