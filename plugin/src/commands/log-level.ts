// `--loglevel`: validated before every command as upstream's PersistentPreRunE does with logrus.ParseLevel.
// parity: argo-rollouts pkg/kubectl-argo-rollouts/options/options.go PersistentPreRunE; sirupsen/logrus ParseLevel
import { goQuote } from './go-strconv.js';

/** logrus level names (ParseLevel lower-cases its input first). */
const LEVELS = ['panic', 'fatal', 'error', 'warn', 'warning', 'info', 'debug', 'trace'] as const;

/** undefined when `value` is a logrus level, else logrus' error text: `not a valid logrus Level: "x"`. */
export function logLevelError(value: string): string | undefined {
  return (LEVELS as readonly string[]).includes(value.toLowerCase()) ? undefined : `not a valid logrus Level: ${goQuote(value)}`;
}
