import { describe, expect, it } from 'vitest';
import { FlagHelp } from './flag-help.js';
import { DefaultFlags, FlagError, FlagSpecs, parseFlags, parseGoIntBase0, usage, validateFlags } from './flags.js';

describe('parseFlags: Argo rollouts-controller spellings', () => {
  it('has upstream defaults with no arguments', () => {
    const { flags } = parseFlags([]);
    expect(flags).toEqual(DefaultFlags);
    expect(flags).toMatchObject({
      leaderElect: true,
      metricsPort: 8090,
      healthzPort: 8080,
      qps: 40,
      burst: 80,
      rolloutThreads: 10,
      analysisThreads: 30,
      experimentThreads: 10,
      leaderElectionLeaseDurationMs: 15_000,
      leaderElectionRenewDeadlineMs: 10_000,
      leaderElectionRetryPeriodMs: 2_000,
      rolloutResyncSeconds: 900,
      loglevel: 'info',
      logformat: '',
    });
  });

  it.each([
    { name: 'space-separated value', argv: ['--kubeconfig', '/tmp/kc'], expected: { kubeconfig: '/tmp/kc' } },
    { name: '--flag=value', argv: ['--kubeconfig=/tmp/kc'], expected: { kubeconfig: '/tmp/kc' } },
    { name: 'value containing =', argv: ['--instance-id=a=b'], expected: { instanceId: 'a=b' } },
    { name: 'bare boolean', argv: ['--namespaced'], expected: { namespaced: true } },
    { name: 'boolean =false', argv: ['--leader-elect=false'], expected: { leaderElect: false } },
    { name: 'boolean =0 (Go ParseBool)', argv: ['--leader-elect=0'], expected: { leaderElect: false } },
    { name: 'boolean =True', argv: ['--namespaced=True'], expected: { namespaced: true } },
    { name: 'float qps', argv: ['--qps', '12.5', '--burst=30'], expected: { qps: 12.5, burst: 30 } },
    { name: 'threads', argv: ['--rollout-threads', '3', '--analysis-threads=4', '--experiment-threads', '5'], expected: { rolloutThreads: 3, analysisThreads: 4, experimentThreads: 5 } },
    { name: 'camelCase ports', argv: ['--metricsPort', '9000', '--healthzPort=9001'], expected: { metricsPort: 9000, healthzPort: 9001 } },
    { name: 'deprecated --metricsport', argv: ['--metricsport=9100'], expected: { metricsPort: 9100 } },
    { name: 'log flags', argv: ['--loglevel', 'debug', '--logformat', 'json'], expected: { loglevel: 'debug', logformat: 'json' } },
    { name: 'Go durations', argv: ['--leader-election-lease-duration=1m', '--leader-election-renew-deadline', '45s', '--leader-election-retry-period=1.5s'], expected: { leaderElectionLeaseDurationMs: 60_000, leaderElectionRenewDeadlineMs: 45_000, leaderElectionRetryPeriodMs: 1_500 } },
    { name: 'string array replaces default then appends', argv: ['--alb-ingress-classes', 'a', '--alb-ingress-classes=b'], expected: { albIngressClasses: ['a', 'b'] } },
    { name: 'string slice splits commas', argv: ['--controllers=analysis,analysis'], expected: { controllers: ['analysis', 'analysis'] } },
    { name: 'clientcmd -n shorthand', argv: ['-n', 'team-a'], expected: { namespace: 'team-a' } },
    { name: 'clientcmd --namespace=', argv: ['--namespace=team-b', '--context', 'kind'], expected: { namespace: 'team-b', context: 'kind' } },
    { name: 'accepted upstream flag Serin ignores', argv: ['--istio-api-version', 'v1beta1', '--kloglevel=2'], expected: { istioApiVersion: 'v1beta1', kloglevel: 2 } },
    { name: 'later value wins', argv: ['--qps=1', '--qps=2'], expected: { qps: 2 } },
  ])('$name', ({ argv, expected }) => {
    expect(parseFlags(argv).flags).toMatchObject(expected);
  });

  // client-go clientcmd.RecommendedConfigOverrideFlags, bound by upstream's addKubectlFlagsToCmd:
  // an Argo Deployment passing any of them must not stop Serin with "unknown flag".
  it.each([
    { name: 'server', argv: ['--server', 'https://10.0.0.1:6443'], expected: { server: 'https://10.0.0.1:6443' } },
    { name: 'tls-server-name', argv: ['--tls-server-name=kube'], expected: { tlsServerName: 'kube' } },
    { name: 'certificate-authority', argv: ['--certificate-authority', '/ca.crt'], expected: { certificateAuthority: '/ca.crt' } },
    { name: 'insecure-skip-tls-verify (bare bool)', argv: ['--insecure-skip-tls-verify'], expected: { insecureSkipTlsVerify: true } },
    { name: 'proxy-url', argv: ['--proxy-url=http://proxy:3128'], expected: { proxyUrl: 'http://proxy:3128' } },
    { name: 'disable-compression', argv: ['--disable-compression=true'], expected: { disableCompression: true } },
    { name: 'client certificate and key', argv: ['--client-certificate', '/c.crt', '--client-key=/c.key'], expected: { clientCertificate: '/c.crt', clientKey: '/c.key' } },
    { name: 'token', argv: ['--token=abc'], expected: { token: 'abc' } },
    { name: 'impersonation', argv: ['--as', 'alice', '--as-uid=42', '--as-group', 'g1', '--as-group=g2'], expected: { as: 'alice', asUid: '42', asGroup: ['g1', 'g2'] } },
    { name: 'basic auth', argv: ['--username', 'u', '--password=p'], expected: { username: 'u', password: 'p' } },
    { name: 'kubeconfig cluster and user', argv: ['--cluster=prod', '--user', 'admin'], expected: { cluster: 'prod', user: 'admin' } },
    { name: 'request-timeout', argv: ['--request-timeout', '30s'], expected: { requestTimeout: '30s' } },
  ])('accepts clientcmd override --$name (reported as ignored)', ({ argv, expected }) => {
    const parsed = parseFlags(argv);
    expect(parsed.flags).toMatchObject(expected);
    expect(parsed.ignored.length).toBeGreaterThan(0);
    expect(parsed.ignored.every((n) => argv.some((a) => a.startsWith(`--${n}`)))).toBe(true);
  });

  it('lists each ignored flag once, in argv order; honoured flags are not listed', () => {
    expect(parseFlags(['--token=a', '--kubeconfig=/k', '--server', 's', '--token=b', '-n', 'x']).ignored).toEqual(['token', 'server']);
    expect(parseFlags(['--kubeconfig=/k', '--context=c', '--namespace=x']).ignored).toEqual([]);
  });

  it.each([
    { name: 'Helm chart defaults (--kloglevel=0, --aws-verify-target-group=false)', argv: ['--kloglevel=0', '--aws-verify-target-group=false', '--nginx-ingress-classes=nginx'], ignored: [] },
    { name: 'non-default values of flags Serin does not act on', argv: ['--kloglevel=4', '--service-threads', '20', '--nginx-ingress-classes=internal', '--enable-pprof-address=:6060', '--self-service-notification-enabled'], ignored: ['kloglevel', 'service-threads', 'nginx-ingress-classes', 'enable-pprof-address', 'self-service-notification-enabled'] },
    { name: 'deprecated --alb-verify-weight', argv: ['--alb-verify-weight'], ignored: ['alb-verify-weight'] },
    { name: 'honoured flags', argv: ['--qps=5', '--istio-api-version=v1beta1', '--rollout-threads=2', '--leader-elect=false'], ignored: [] },
  ])('ignored lists $name', ({ argv, ignored }) => {
    expect(parseFlags(argv).ignored).toEqual(ignored);
  });

  // cobra legacyArgs: a root command without subcommands takes any positional arguments
  it.each([
    { name: 'a word', argv: ['run'], args: ['run'], expected: {} },
    { name: 'a bool flag followed by a separate value', argv: ['--leader-elect', 'false'], args: ['false'], expected: { leaderElect: true } },
    { name: 'everything after --', argv: ['--qps=3', '--', '--burst=9', 'x'], args: ['--burst=9', 'x'], expected: { qps: 3, burst: 80 } },
    { name: 'a lone dash', argv: ['-'], args: ['-'], expected: {} },
  ])('positional arguments are accepted and returned: $name', ({ argv, args, expected }) => {
    const parsed = parseFlags(argv);
    expect(parsed.args).toEqual(args);
    expect(parsed.flags).toMatchObject(expected);
  });

  it('parses the argo-helm chart args: only the --metricsport deprecation notice, nothing ignored', () => {
    const parsed = parseFlags(['--healthzPort=8080', '--metricsport=8090', '--loglevel=info', '--logformat=text', '--kloglevel=0', '--leader-elect']);
    expect(parsed.flags).toMatchObject({ healthzPort: 8080, metricsPort: 8090, loglevel: 'info', logformat: 'text', kloglevel: 0, leaderElect: true });
    expect(parsed.warnings).toEqual(['Flag --metricsport has been deprecated, use --metricsPort instead']);
    expect(parsed.ignored).toEqual([]);
    expect(parsed.args).toEqual([]);
  });

  it('reports pflag deprecation notices', () => {
    expect(parseFlags(['--metricsport', '1', '--alb-verify-weight']).warnings).toEqual([
      'Flag --metricsport has been deprecated, use --metricsPort instead',
      'Flag --alb-verify-weight has been deprecated, Use --aws-verify-target-group instead',
    ]);
  });

  it.each([
    { name: 'unknown flag', argv: ['--nope'], message: 'unknown flag: --nope' },
    { name: 'unknown flag with value', argv: ['--nope=1'], message: 'unknown flag: --nope' },
    { name: 'missing value', argv: ['--qps'], message: 'flag needs an argument: --qps' },
    { name: 'non-numeric int', argv: ['--burst', 'lots'], message: 'invalid argument "lots" for "--burst" flag' },
    { name: 'fractional int', argv: ['--rollout-threads=1.5'], message: 'invalid argument "1.5" for "--rollout-threads" flag' },
    { name: 'bad boolean', argv: ['--leader-elect=maybe'], message: 'invalid argument "maybe" for "--leader-elect" flag' },
    { name: 'bad duration', argv: ['--leader-election-retry-period=2'], message: 'invalid argument "2" for "--leader-election-retry-period" flag' },
    { name: 'unknown shorthand', argv: ['-x'], message: "unknown shorthand flag: 'x' in -x" },
  ])('rejects $name', ({ argv, message }) => {
    expect(() => parseFlags(argv)).toThrow(new FlagError(message));
  });
});

// pflag IntVar/Int64Var parse with strconv.ParseInt(s, 0, 64)
describe('parseGoIntBase0', () => {
  it.each([
    { input: '8090', expected: 8090 },
    { input: '+5', expected: 5 },
    { input: '-3', expected: -3 },
    { input: '0', expected: 0 },
    { input: '0x1F9A', expected: 8090 },
    { input: '0X1f9a', expected: 8090 },
    { input: '0o17', expected: 15 },
    { input: '017', expected: 15 },
    { input: '0b101', expected: 5 },
    { input: '1_000', expected: 1000 },
    { input: '0x_1F', expected: 31 },
    { input: '08', expected: undefined },
    { input: '1.5', expected: undefined },
    { input: '', expected: undefined },
    { input: '_1', expected: undefined },
    { input: '1_', expected: undefined },
    { input: '1__0', expected: undefined },
    { input: '0x', expected: undefined },
    { input: '12abc', expected: undefined },
    { input: '99999999999999999999', expected: undefined },
  ])('$input → $expected', ({ input, expected }) => {
    expect(parseGoIntBase0(input)).toBe(expected);
  });

  it('applies to int flags: --metricsPort=0x1F9A, --rollout-resync=1_800; 08 is rejected as Go does', () => {
    expect(parseFlags(['--metricsPort=0x1F9A', '--rollout-resync=1_800']).flags).toMatchObject({ metricsPort: 8090, rolloutResyncSeconds: 1800 });
    expect(() => parseFlags(['--burst=08'])).toThrow(new FlagError('invalid argument "08" for "--burst" flag'));
  });
});

describe('validateFlags', () => {
  it.each([
    { name: 'unsupported --controllers value', argv: ['--controllers=rollouts'], message: 'unsupported controller: rollouts' },
    { name: 'zero rollout threads', argv: ['--rollout-threads=0'], message: '--rollout-threads must be at least 1' },
  ])('rejects $name', ({ argv, message }) => {
    expect(() => validateFlags(parseFlags(argv).flags)).toThrow(message);
  });

  it('accepts --controllers=analysis', () => {
    expect(() => validateFlags(parseFlags(['--controllers', 'analysis']).flags)).not.toThrow();
  });
});

describe('usage', () => {
  it('lists the fixed-interface flags and hides deprecated spellings', () => {
    const text = usage();
    for (const f of ['--kubeconfig', '--namespaced', '--instance-id', '--qps', '--burst', '--rollout-threads', '--analysis-threads', '--experiment-threads', '--leader-elect', '--metricsPort', '--healthzPort', '--loglevel', '--logformat']) {
      expect(text).toContain(`${f} `);
    }
    expect(text).not.toContain('--metricsport');
  });

  // parity: argo-rollouts cmd/rollouts-controller/main.go flag definitions (pflag FlagUsages layout)
  it.each([
    { name: 'string with default', flag: '--loglevel string', text: 'Set the logging level. One of: debug|info|warn|error (default "info")' },
    { name: 'string without default', flag: '--instance-id string', text: 'Indicates which argo rollout objects the controller should operate on' },
    { name: 'bool default true (no type word)', flag: '--leader-elect', text: 'ensure no more than one instance of controller operates at a time (default true)' },
    { name: 'float32', flag: '--qps float32', text: 'Maximum QPS (queries per second) to the K8s API server (default 40)' },
    { name: 'duration', flag: '--leader-election-retry-period duration', text: 'This is only applicable if leader election is enabled. (default 2s)' },
    { name: 'string array', flag: '--alb-ingress-classes stringArray', text: 'Defaults to alb (default [alb])' },
    { name: 'string slice, empty default', flag: '--controllers strings', text: 'Default: all controllers are enabled' },
    { name: 'shorthand', flag: '-n, --namespace string', text: 'If present, the namespace scope for this CLI request' },
    { name: 'clientcmd override', flag: '--request-timeout string', text: 'A value of zero means don\'t timeout requests. (default "0")' },
  ])('prints upstream help text: $name', ({ flag, text }) => {
    const line = usage().split('\n').find((l) => l.includes(`${flag} `) && l.trimStart().startsWith(flag.startsWith('-n') ? '-n' : '--'));
    expect(line).toBeDefined();
    expect(line?.endsWith(text)).toBe(true);
  });

  it('has help text for every flag and omits zero defaults', () => {
    expect(FlagSpecs.filter((f) => FlagHelp[f.name] === undefined && f.deprecated === undefined).map((f) => f.name)).toEqual([]);
    const namespaced = usage().split('\n').find((l) => l.includes('--namespaced '));
    expect(namespaced).not.toContain('(default');
  });
});
