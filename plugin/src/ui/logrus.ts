// One log line as logrus' default TextFormatter writes it when its output is not a terminal:
// `time="<RFC 3339, local zone>" level=<level> msg=<message, quoted when needed>`.
// parity: github.com/sirupsen/logrus text_formatter.go (as used by upstream's viewcontroller `log.Warn`)
import { goQuote } from '@serin/api';

/** logrus quotes a value unless every character is a letter, digit or one of `-._/@^+`. */
function quoteIfNeeded(text: string): string {
  return /^[A-Za-z0-9\-._/@^+]*$/.test(text) ? text : goQuote(text);
}

/** Go `time.RFC3339` in the local zone of `offsetMin` (minutes east of UTC): `Z` at UTC, else `±hh:mm`. */
export function rfc3339Local(ms: number, offsetMin: number): string {
  const shifted = new Date(Math.floor(ms / 1000) * 1000 + offsetMin * 60_000).toISOString().slice(0, 19);
  if (offsetMin === 0) return `${shifted}Z`;
  const abs = Math.abs(offsetMin);
  return `${shifted}${offsetMin < 0 ? '-' : '+'}${String(Math.trunc(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** `time="…" level=warning msg="…"` + newline, at `ms` in the process's local zone. */
export function logrusLine(level: 'warning' | 'info' | 'error', message: string, ms: number): string {
  const offsetMin = -new Date(ms).getTimezoneOffset();
  return `time=${quoteIfNeeded(rfc3339Local(ms, offsetMin))} level=${level} msg=${quoteIfNeeded(message)}\n`;
}
