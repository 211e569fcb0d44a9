/**
 * The `serin-controller` process: flags → logger → kube client → /healthz and /metrics listeners →
 * leader election (unless `--leader-elect=false`) → manager. Runs until SIGTERM/SIGINT, then shuts
 * down in this order and returns 0:
 *   1. stop the manager: no new work, in-flight reconciles finish, informers stop, Events flushed;
 *   2. stop campaigning and release the Lease (holder cleared), so a standby takes over at once;
 *   3. close the listeners.
 * Upstream keeps ReleaseOnCancel=false only because its workers may still run when the context is
 * cancelled; Serin releases after the drain, when that is no longer true.
 * Losing the lease while running is fatal (exit 1): the replica must not keep reconciling.
 * parity: argo-rollouts cmd/rollouts-controller/main.go, controller/controller.go (Manager.Run)
 */
import { type Clock, type KubeClient, LeaderElector, type Logger, createKubeClient, createLogger, defaultIdentity, leaseLockName, parseLogLevel, systemClock } from '@serin/kube';
import { type ControllerFlags, FlagError, parseFlags, usage, validateFlags } from './flags.js';
import { type HttpServers, startHttpServers } from './http-servers.js';
import { type AnalysisRunReconcilerFactory, type ExperimentReconcilerFactory, Manager, type RolloutReconcilerFactory } from './manager/manager.js';
import { ControllerMetrics } from './metrics/metrics.js';

/** Namespace of the leader-election Lease: `$POD_NAMESPACE`, else `argo-rollouts` (upstream defaults.Namespace). */
export function controllerNamespace(env: Readonly<Record<string, string | undefined>>): string {
  const ns = env['POD_NAMESPACE'] ?? '';
  return ns === '' ? 'argo-rollouts' : ns;
}

/**
 * `--loglevel` as logrus.ParseLevel reads it (any case): Serin's logger has debug, info, warn(ing)
 * and error; logrus' `trace` maps to debug (the most verbose Serin has), `panic` and `fatal` to error
 * (Serin logs nothing above error). Anything else is passed through and rejected by parseLogLevel.
 * parity: argo-rollouts cmd/rollouts-controller/main.go setLogLevel
 */
export function serinLogLevel(level: string): string {
  const lower = level.toLowerCase();
  if (lower === 'trace') return 'debug';
  if (lower === 'panic' || lower === 'fatal') return 'error';
  return level;
}

export interface RunOptions {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly version: string;
  readonly createRolloutReconciler: RolloutReconcilerFactory;
  /** Absent: AnalysisRuns are not reconciled. */
  readonly createAnalysisRunReconciler?: AnalysisRunReconcilerFactory;
  /** Absent: Experiments are not reconciled. */
  readonly createExperimentReconciler?: ExperimentReconcilerFactory;
  /** Resolves when the process should shut down (SIGTERM / SIGINT). */
  readonly terminated: Promise<void>;
  readonly stdout?: (text: string) => void;
  /** Log lines and errors (default process.stderr). */
  readonly stderr?: (line: string) => void;
  readonly clock?: Clock;
  /** Listener host (default 0.0.0.0). */
  readonly host?: string;
  /** Called once the listeners are bound (tests pass port 0). */
  readonly onListening?: (ports: { healthzPort: number; metricsPort: number }) => void;
}

/** Run until terminated; resolves to the exit code. */
export async function runController(options: RunOptions): Promise<number> {
  const stdout = options.stdout ?? ((t: string) => void process.stdout.write(t));
  const stderr = options.stderr ?? ((l: string) => void process.stderr.write(`${l}\n`));
  let flags: ControllerFlags;
  let ignored: readonly string[];
  let args: readonly string[];
  try {
    const parsed = parseFlags(options.argv);
    flags = parsed.flags;
    ignored = parsed.ignored;
    args = parsed.args;
    for (const w of parsed.warnings) stderr(w);
    validateFlags(flags);
    parseLogLevel(serinLogLevel(flags.loglevel));
  } catch (err) {
    if (!(err instanceof FlagError) && !(err instanceof Error)) throw err;
    stderr(`Error: ${err.message}`);
    if (err instanceof FlagError) stderr(`Run 'serin-controller --help' for usage.`);
    return 1;
  }
  if (flags.help) {
    stdout(usage());
    return 0;
  }
  if (flags.version) {
    stdout(`${options.version}\n`);
    return 0;
  }
  const clock = options.clock ?? systemClock();
  const knownFormat = ['', 'text', 'json'].includes(flags.logformat.toLowerCase());
  const log = createLogger({ level: serinLogLevel(flags.loglevel), format: knownFormat ? flags.logformat.toLowerCase() : 'text', clock, write: stderr });
  if (!knownFormat) log.info(`Unknown format: ${flags.logformat}. Using text logformat`);
  if (args.length > 0) log.warn(`Ignoring positional arguments: ${args.join(' ')}`);
  for (const name of ignored) log.warn(`Flag --${name} is accepted for compatibility with Argo Rollouts but ignored by Serin`);
  try {
    return await runWithLogger(flags, options, clock, log);
  } catch (err) {
    log.error('controller failed', { err });
    return 1;
  }
}

async function runWithLogger(flags: ControllerFlags, options: RunOptions, clock: Clock, log: Logger): Promise<number> {
  const client: KubeClient = createKubeClient({
    kubeconfigPath: flags.kubeconfig,
    context: flags.context,
    qps: flags.qps,
    burst: flags.burst,
    clock,
    istioApiVersion: flags.istioApiVersion,
  });
  const configNamespace = flags.namespace !== '' ? flags.namespace : client.namespace;
  const namespace = flags.namespaced ? configNamespace : '';
  log.info('Argo Rollouts controller starting', { version: options.version, namespace, instanceID: flags.instanceId, metricsPort: flags.metricsPort, healthzPort: flags.healthzPort });

  const metrics = new ControllerMetrics({ version: options.version });
  metrics.bindRequestCounter(client.requests);
  const manager = new Manager({
    transport: client.transport,
    clients: client.clients,
    clock,
    logger: log,
    metrics,
    namespace,
    instanceId: flags.instanceId,
    rolloutThreads: flags.rolloutThreads,
    analysisThreads: flags.analysisThreads,
    experimentThreads: flags.experimentThreads,
    resyncMs: flags.rolloutResyncSeconds * 1000,
    istioApiVersion: flags.istioApiVersion,
    // `--controllers=analysis`: analysis-only mode, no Rollouts or Experiments queue
    ...(flags.controllers.includes('analysis') ? {} : { createRolloutReconciler: options.createRolloutReconciler }),
    ...(flags.controllers.includes('analysis') || options.createExperimentReconciler === undefined ? {} : { createExperimentReconciler: options.createExperimentReconciler }),
    ...(options.createAnalysisRunReconciler === undefined ? {} : { createAnalysisRunReconciler: options.createAnalysisRunReconciler }),
  });

  const host = options.host ?? '0.0.0.0';
  const servers: HttpServers = await startHttpServers({ healthzPort: flags.healthzPort, metricsPort: flags.metricsPort, metrics, host, onError: (err) => log.error('Metric Server Error', { err }) });
  log.info(`Starting Healthz Server at ${host}:${servers.healthzPort}`);
  log.info(`Starting Metric Server at ${host}:${servers.metricsPort}`);
  options.onListening?.({ healthzPort: servers.healthzPort, metricsPort: servers.metricsPort });

  let lostLeadership = false;
  let failed: unknown;
  let wake: () => void = () => undefined;
  const fatal = new Promise<void>((resolve) => (wake = resolve));
  let shuttingDown = false;
  const startManager = (): void => {
    if (shuttingDown) return; // leadership won while a shutdown is already under way
    manager.start().catch((err: unknown) => {
      failed = err;
      wake();
    });
  };

  const campaign = new AbortController();
  let elector: LeaderElector | undefined;
  let electing: Promise<void> = Promise.resolve();
  if (!flags.leaderElect) {
    log.info('Leader election is turned off. Running in single-instance mode');
    startManager();
  } else {
    const id = defaultIdentity(); // <hostname>_<uuid>
    const lockName = leaseLockName(flags.instanceId);
    log.info(`Leaderelection get id ${id}`);
    log.info(`Using leader election lease lock name ${lockName}`);
    elector = new LeaderElector({
      leases: client.clients.leases,
      namespace: controllerNamespace(options.env),
      name: lockName,
      identity: id,
      leaseDurationMs: flags.leaderElectionLeaseDurationMs,
      renewDeadlineMs: flags.leaderElectionRenewDeadlineMs,
      retryPeriodMs: flags.leaderElectionRetryPeriodMs,
      releaseOnCancel: true,
      clock,
      logger: log,
      callbacks: {
        onStartedLeading: () => {
          log.info(`I am the new leader: ${id}`);
          startManager();
        },
        onStoppedLeading: () => {
          log.info(`OnStoppedLeading called, shutting down: ${id}`);
          if (!campaign.signal.aborted) {
            lostLeadership = true;
            wake();
          }
        },
        onNewLeader: (identity) => log.info(`New leader elected: ${identity}`),
      },
    });
    electing = elector.run(campaign.signal);
  }

  await Promise.race([options.terminated, fatal]);
  shuttingDown = true;
  log.info('Shutting down workers');
  await manager.stop();
  campaign.abort();
  await electing;
  await servers.close();
  log.info('Exiting Main Run function');
  if (failed !== undefined) {
    log.error('controller failed', { err: failed });
    return 1;
  }
  if (lostLeadership) {
    log.error('leader election lost');
    return 1;
  }
  return 0;
}
