/**
 * Command-line flags of `serin-controller`, named and defaulted as Argo's `rollouts-controller`
 * (cobra/pflag): `--name value`, `--name=value`, booleans as `--name` or `--name=false`, `-n` for
 * `--namespace`. Errors read like pflag's (`unknown flag: --foo`, `flag needs an argument: --qps`,
 * `invalid argument "x" for "--qps" flag`). Flags Serin does not act on yet are accepted and
 * parsed so existing Argo Deployments start unchanged; `ParsedFlags.ignored` names those given a
 * non-default value (the process logs a warning for each).
 * parity: argo-rollouts cmd/rollouts-controller/main.go
 */
import { parseGoDurationMs } from '@serin/api';
import { FlagHelp } from './flag-help.js';

export interface ControllerFlags {
  readonly kubeconfig: string;
  /** clientcmd `--namespace` / `-n` override ('' = the kubeconfig context's namespace). */
  readonly namespace: string;
  readonly context: string;
  readonly namespaced: boolean;
  readonly instanceId: string;
  readonly qps: number;
  readonly burst: number;
  readonly rolloutThreads: number;
  readonly analysisThreads: number;
  readonly experimentThreads: number;
  readonly serviceThreads: number;
  readonly ingressThreads: number;
  readonly ephemeralMetadataThreads: number;
  readonly ephemeralMetadataUpdatePodRetries: number;
  readonly rolloutResyncSeconds: number;
  readonly leaderElect: boolean;
  readonly leaderElectionLeaseDurationMs: number;
  readonly leaderElectionRenewDeadlineMs: number;
  readonly leaderElectionRetryPeriodMs: number;
  readonly metricsPort: number;
  readonly healthzPort: number;
  readonly loglevel: string;
  readonly logformat: string;
  readonly kloglevel: number;
  readonly istioApiVersion: string;
  readonly ambassadorApiVersion: string;
  readonly trafficSplitApiVersion: string;
  readonly traefikApiGroup: string;
  readonly traefikApiVersion: string;
  readonly appmeshCrdVersion: string;
  readonly ingressApiVersion: string;
  readonly awsTargetGroupBindingApiVersion: string;
  readonly albTagKeyResourceId: string;
  readonly albIngressClasses: readonly string[];
  readonly nginxIngressClasses: readonly string[];
  readonly awsVerifyTargetGroup: boolean;
  readonly selfServiceNotificationEnabled: boolean;
  readonly controllers: readonly string[];
  readonly enablePprofAddress: string;
  readonly version: boolean;
  readonly help: boolean;
  /** clientcmd overrides upstream binds (`BindOverrideFlags`); accepted, not yet honoured. */
  readonly server: string; readonly tlsServerName: string; readonly certificateAuthority: string; readonly insecureSkipTlsVerify: boolean;
  readonly proxyUrl: string; readonly disableCompression: boolean; readonly clientCertificate: string; readonly clientKey: string; readonly token: string;
  readonly as: string; readonly asUid: string; readonly asGroup: readonly string[]; readonly username: string; readonly password: string;
  readonly cluster: string; readonly user: string; readonly requestTimeout: string;
}

export const DefaultFlags: ControllerFlags = {
  kubeconfig: '',
  namespace: '',
  context: '',
  namespaced: false,
  instanceId: '',
  qps: 40,
  burst: 80,
  rolloutThreads: 10,
  analysisThreads: 30,
  experimentThreads: 10,
  serviceThreads: 10,
  ingressThreads: 10,
  ephemeralMetadataThreads: 10,
  ephemeralMetadataUpdatePodRetries: 3,
  rolloutResyncSeconds: 900,
  leaderElect: true,
  leaderElectionLeaseDurationMs: 15_000,
  leaderElectionRenewDeadlineMs: 10_000,
  leaderElectionRetryPeriodMs: 2_000,
  metricsPort: 8090,
  healthzPort: 8080,
  loglevel: 'info',
  logformat: '',
  kloglevel: 0,
  istioApiVersion: 'v1alpha3',
  ambassadorApiVersion: 'getambassador.io/v2',
  trafficSplitApiVersion: 'v1alpha1',
  traefikApiGroup: 'traefik.io',
  traefikApiVersion: 'traefik.io/v1alpha1',
  appmeshCrdVersion: 'v1beta2',
  ingressApiVersion: '',
  awsTargetGroupBindingApiVersion: 'elbv2.k8s.aws/v1beta1',
  albTagKeyResourceId: 'ingress.k8s.aws/resource',
  albIngressClasses: ['alb'],
  nginxIngressClasses: ['nginx'],
  awsVerifyTargetGroup: false,
  selfServiceNotificationEnabled: false,
  controllers: [],
  enablePprofAddress: '',
  version: false,
  help: false,
  server: '',
  tlsServerName: '',
  certificateAuthority: '',
  insecureSkipTlsVerify: false,
  proxyUrl: '',
  disableCompression: false,
  clientCertificate: '',
  clientKey: '',
  token: '',
  as: '',
  asUid: '',
  asGroup: [],
  username: '',
  password: '',
  cluster: '',
  user: '',
  requestTimeout: '0',
};

const FlagKind = { bool: 'bool', int: 'int', float: 'float', string: 'string', duration: 'duration', stringArray: 'stringArray', stringSlice: 'stringSlice' } as const;
type FlagKind = (typeof FlagKind)[keyof typeof FlagKind];

interface FlagSpec {
  readonly name: string;
  readonly key: keyof ControllerFlags;
  readonly kind: FlagKind;
  readonly shorthand?: string;
  readonly deprecated?: string;
  /** Accepted so Argo manifests start, but Serin does not act on it yet (a warning is logged when set). */
  readonly ignored?: true;
}

const spec = (name: string, key: keyof ControllerFlags, kind: FlagKind, extra: Partial<Pick<FlagSpec, 'shorthand' | 'deprecated' | 'ignored'>> = {}): FlagSpec => ({ name, key, kind, ...extra });
const ignoredSpec = (name: string, key: keyof ControllerFlags, kind: FlagKind): FlagSpec => spec(name, key, kind, { ignored: true });

/** Every flag upstream's command defines, including all client-go clientcmd overrides it binds. */
export const FlagSpecs: readonly FlagSpec[] = [
  spec('kubeconfig', 'kubeconfig', FlagKind.string),
  spec('namespace', 'namespace', FlagKind.string, { shorthand: 'n' }),
  spec('context', 'context', FlagKind.string),
  spec('namespaced', 'namespaced', FlagKind.bool),
  spec('instance-id', 'instanceId', FlagKind.string),
  spec('qps', 'qps', FlagKind.float),
  spec('burst', 'burst', FlagKind.int),
  spec('rollout-threads', 'rolloutThreads', FlagKind.int),
  spec('analysis-threads', 'analysisThreads', FlagKind.int),
  spec('experiment-threads', 'experimentThreads', FlagKind.int),
  ignoredSpec('service-threads', 'serviceThreads', FlagKind.int),
  ignoredSpec('ingress-threads', 'ingressThreads', FlagKind.int),
  ignoredSpec('ephemeral-metadata-threads', 'ephemeralMetadataThreads', FlagKind.int),
  ignoredSpec('ephemeral-metadata-update-pod-retries', 'ephemeralMetadataUpdatePodRetries', FlagKind.int),
  spec('rollout-resync', 'rolloutResyncSeconds', FlagKind.int),
  spec('leader-elect', 'leaderElect', FlagKind.bool),
  spec('leader-election-lease-duration', 'leaderElectionLeaseDurationMs', FlagKind.duration),
  spec('leader-election-renew-deadline', 'leaderElectionRenewDeadlineMs', FlagKind.duration),
  spec('leader-election-retry-period', 'leaderElectionRetryPeriodMs', FlagKind.duration),
  spec('metricsPort', 'metricsPort', FlagKind.int),
  spec('metricsport', 'metricsPort', FlagKind.int, { deprecated: 'use --metricsPort instead' }),
  spec('healthzPort', 'healthzPort', FlagKind.int),
  spec('loglevel', 'loglevel', FlagKind.string),
  spec('logformat', 'logformat', FlagKind.string),
  ignoredSpec('kloglevel', 'kloglevel', FlagKind.int),
  spec('istio-api-version', 'istioApiVersion', FlagKind.string),
  ignoredSpec('ambassador-api-version', 'ambassadorApiVersion', FlagKind.string),
  ignoredSpec('traffic-split-api-version', 'trafficSplitApiVersion', FlagKind.string),
  ignoredSpec('traefik-api-group', 'traefikApiGroup', FlagKind.string),
  ignoredSpec('traefik-api-version', 'traefikApiVersion', FlagKind.string),
  ignoredSpec('appmesh-crd-version', 'appmeshCrdVersion', FlagKind.string),
  ignoredSpec('ingress-api-version', 'ingressApiVersion', FlagKind.string),
  ignoredSpec('aws-target-group-binding-api-version', 'awsTargetGroupBindingApiVersion', FlagKind.string),
  ignoredSpec('alb-tag-key-resource-id', 'albTagKeyResourceId', FlagKind.string),
  ignoredSpec('alb-ingress-classes', 'albIngressClasses', FlagKind.stringArray),
  ignoredSpec('nginx-ingress-classes', 'nginxIngressClasses', FlagKind.stringArray),
  ignoredSpec('aws-verify-target-group', 'awsVerifyTargetGroup', FlagKind.bool),
  spec('alb-verify-weight', 'awsVerifyTargetGroup', FlagKind.bool, { deprecated: 'Use --aws-verify-target-group instead', ignored: true }),
  ignoredSpec('self-service-notification-enabled', 'selfServiceNotificationEnabled', FlagKind.bool),
  spec('controllers', 'controllers', FlagKind.stringSlice),
  ignoredSpec('enable-pprof-address', 'enablePprofAddress', FlagKind.string),
  spec('version', 'version', FlagKind.bool),
  spec('help', 'help', FlagKind.bool, { shorthand: 'h' }),
  // client-go clientcmd.RecommendedConfigOverrideFlags("") bound by upstream's addKubectlFlagsToCmd
  // (cluster, auth, context overrides and --request-timeout); --namespace/-n and --context are above.
  ignoredSpec('server', 'server', FlagKind.string),
  ignoredSpec('tls-server-name', 'tlsServerName', FlagKind.string),
  ignoredSpec('certificate-authority', 'certificateAuthority', FlagKind.string),
  ignoredSpec('insecure-skip-tls-verify', 'insecureSkipTlsVerify', FlagKind.bool),
  ignoredSpec('proxy-url', 'proxyUrl', FlagKind.string),
  ignoredSpec('disable-compression', 'disableCompression', FlagKind.bool),
  ignoredSpec('client-certificate', 'clientCertificate', FlagKind.string),
  ignoredSpec('client-key', 'clientKey', FlagKind.string),
  ignoredSpec('token', 'token', FlagKind.string),
  ignoredSpec('as', 'as', FlagKind.string),
  ignoredSpec('as-uid', 'asUid', FlagKind.string),
  ignoredSpec('as-group', 'asGroup', FlagKind.stringArray),
  ignoredSpec('username', 'username', FlagKind.string),
  ignoredSpec('password', 'password', FlagKind.string),
  ignoredSpec('cluster', 'cluster', FlagKind.string),
  ignoredSpec('user', 'user', FlagKind.string),
  ignoredSpec('request-timeout', 'requestTimeout', FlagKind.string),
];

export interface ParsedFlags {
  readonly flags: ControllerFlags;
  /**
   * Positional arguments (and everything after `--`). Upstream's root command has no subcommands,
   * so cobra accepts and ignores them: `--leader-elect false` runs with leader election on and `false` ignored.
   */
  readonly args: readonly string[];
  /** pflag's deprecation notices (`Flag --metricsport has been deprecated, use --metricsPort instead`). */
  readonly warnings: readonly string[];
  /**
   * Names (without `--`) of accepted flags Serin does not act on yet that were given a value other than
   * upstream's default, in argv order, once each. (At its default such a flag changes nothing: Serin
   * behaves as upstream's default, so Helm's `--kloglevel=0` stays quiet.)
   */
  readonly ignored: readonly string[];
}

export class FlagError extends Error {
  override readonly name = 'FlagError';
}

/** Go strconv.ParseBool. */
function parseBool(value: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return undefined;
}

const IntBases: ReadonlyArray<readonly [prefix: RegExp, base: number, digits: RegExp]> = [
  [/^0[xX]/, 16, /^[0-9a-fA-F]+$/],
  [/^0[bB]/, 2, /^[01]+$/],
  [/^0[oO]/, 8, /^[0-7]+$/],
  [/^0(?=.)/, 8, /^[0-7]+$/],
];

/**
 * pflag ints are Go `strconv.ParseInt(s, 0, 64)`: optional sign; `0x`/`0b`/`0o` or a leading `0`
 * (octal) pick the base, else decimal; `_` only between digits or right after a base prefix
 * (`1_000`, `0x_1F`). Outside the safe-integer range: undefined (as a Go range error).
 */
export function parseGoIntBase0(value: string): number | undefined {
  const sign = value.startsWith('-') ? -1 : 1;
  const unsigned = value.replace(/^[+-]/, '');
  const [prefix, base, digits] = IntBases.map(([re, b, d]) => [re.exec(unsigned)?.[0], b, d] as const).find(([m]) => m !== undefined) ?? ['', 10, /^[0-9]+$/];
  const body = unsigned.slice(prefix?.length ?? 0);
  // underscores: never first (unless after a prefix), never last, never doubled
  if (body.endsWith('_') || body.includes('__') || (body.startsWith('_') && prefix === '')) return undefined;
  const clean = body.replaceAll('_', '');
  if (!digits.test(clean)) return undefined;
  const n = sign * Number.parseInt(clean, base);
  return Number.isSafeInteger(n) ? n : undefined;
}

function convert(flag: FlagSpec, value: string, previous: unknown, explicitlySet: boolean): unknown {
  const invalid = (): FlagError => new FlagError(`invalid argument ${JSON.stringify(value)} for "--${flag.name}" flag`);
  switch (flag.kind) {
    case FlagKind.bool: {
      const b = parseBool(value);
      if (b === undefined) throw invalid();
      return b;
    }
    case FlagKind.int: {
      const n = parseGoIntBase0(value);
      if (n === undefined) throw invalid();
      return n;
    }
    case FlagKind.float: {
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n)) throw invalid();
      return n;
    }
    case FlagKind.duration: {
      const ms = parseGoDurationMs(value);
      if (ms === null) throw invalid();
      return ms;
    }
    case FlagKind.stringArray: {
      // pflag StringArray: the first use replaces the default, later uses append
      const prev = explicitlySet && Array.isArray(previous) ? (previous as string[]) : [];
      return [...prev, value];
    }
    case FlagKind.stringSlice: {
      const prev = explicitlySet && Array.isArray(previous) ? (previous as string[]) : [];
      return [...prev, ...value.split(',').filter((v) => v !== '')];
    }
    default:
      return value;
  }
}

/** Parse `argv` (without node and script). Throws FlagError with pflag's wording. */
export function parseFlags(argv: readonly string[]): ParsedFlags {
  const byName = new Map(FlagSpecs.map((f) => [f.name, f]));
  const byShorthand = new Map(FlagSpecs.filter((f) => f.shorthand !== undefined).map((f) => [f.shorthand ?? '', f]));
  const values: Record<string, unknown> = { ...DefaultFlags };
  const set = new Set<string>();
  const warnings: string[] = [];
  const given: FlagSpec[] = [];
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    let flag: FlagSpec | undefined;
    let inline: string | undefined;
    if (arg.startsWith('--') && arg.length > 2) {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq === -1 ? undefined : arg.slice(eq + 1);
      flag = byName.get(name);
      if (flag === undefined) throw new FlagError(`unknown flag: --${name}`);
    } else if (arg.startsWith('-') && arg.length > 1 && !arg.startsWith('--')) {
      const short = arg.slice(1, 2);
      flag = byShorthand.get(short);
      if (flag === undefined) throw new FlagError(`unknown shorthand flag: '${short}' in ${arg}`);
      const rest = arg.slice(2);
      inline = rest === '' ? undefined : rest.startsWith('=') ? rest.slice(1) : rest;
    } else if (arg === '--') {
      args.push(...argv.slice(i + 1));
      break;
    } else {
      args.push(arg);
      continue;
    }
    let value = inline;
    if (value === undefined) {
      if (flag.kind === FlagKind.bool) value = 'true';
      else {
        const next = argv[i + 1];
        if (next === undefined) throw new FlagError(`flag needs an argument: --${flag.name}`);
        value = next;
        i++;
      }
    }
    values[flag.key] = convert(flag, value, values[flag.key], set.has(flag.key));
    set.add(flag.key);
    if (flag.deprecated !== undefined) warnings.push(`Flag --${flag.name} has been deprecated, ${flag.deprecated}`);
    if (flag.ignored === true && !given.includes(flag)) given.push(flag);
  }
  const ignored = given.filter((f) => JSON.stringify(values[f.key]) !== JSON.stringify(DefaultFlags[f.key])).map((f) => f.name);
  return { flags: values as unknown as ControllerFlags, warnings, ignored, args };
}

/** Checks upstream makes after parsing (`--controllers` accepts only `analysis`). */
export function validateFlags(flags: ControllerFlags): void {
  for (const c of flags.controllers) if (c !== 'analysis') throw new FlagError(`unsupported controller: ${c}`);
  for (const [name, n] of [['rollout-threads', flags.rolloutThreads], ['analysis-threads', flags.analysisThreads], ['experiment-threads', flags.experimentThreads]] as const) {
    if (n < 1) throw new FlagError(`--${name} must be at least 1`);
  }
}

/** pflag's type word in usage (none for bools; Argo's `--qps` is a float32, `--controllers` a string slice). */
const usageType = (f: FlagSpec): string => (f.kind === FlagKind.bool ? '' : f.kind === FlagKind.float ? 'float32' : f.kind === FlagKind.stringSlice ? 'strings' : f.kind);

/** pflag's `(default …)` suffix: omitted for zero values (false, 0, "", []). */
function usageDefault(f: FlagSpec): string {
  const d: unknown = DefaultFlags[f.key];
  if (d === false || d === 0 || d === '' || (Array.isArray(d) && d.length === 0)) return '';
  if (Array.isArray(d)) return ` (default [${d.join(',')}])`;
  if (f.kind === FlagKind.duration && typeof d === 'number') return ` (default ${d / 1000}s)`;
  return ` (default ${typeof d === 'string' ? JSON.stringify(d) : String(d)})`;
}

/** `--help` text as cobra prints it: `-n, --name type   help (default …)`, deprecated spellings hidden, help aligned. */
export function usage(): string {
  const rows = FlagSpecs.filter((f) => f.deprecated === undefined).map((f) => {
    const type = usageType(f);
    const left = `  ${f.shorthand === undefined ? '    ' : `-${f.shorthand}, `}--${f.name}${type === '' ? '' : ` ${type}`}`;
    return { left, right: `${FlagHelp[f.name] ?? ''}${usageDefault(f)}` };
  });
  const width = Math.max(...rows.map((r) => r.left.length));
  const lines = rows.map((r) => `${r.left.padEnd(width)}   ${r.right}`);
  return ['serin-controller is a controller to operate on rollout CRD', '', 'Usage:', '  serin-controller [flags]', '', 'Flags:', ...lines, ''].join('\n');
}
