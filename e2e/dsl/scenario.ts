/**
 * The Given/When/Then DSL. A scenario owns one namespace in the world's cluster:
 *
 *   const s = await scenario(world, 'canary-steps');
 *   await s.given.fixture('canary-steps.yaml');
 *   await s.then.rollout('demo').reaches({ phase: 'Healthy', replicas: 4 });
 *   await s.when.setImage('demo', 'demo', 'example/demo:v2');
 *   await s.then.rollout('demo').reaches({ phase: 'Paused', step: 1, updated: 1 });
 *
 * Given prepares state (manifests), When acts as the user does (kubectl and `kubectl argo rollouts`),
 * Then waits until the cluster shows the expected state (polling reads through client-node).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type EventuallyOptions, diffFields, eventually } from './eventually.js';
import { type CommandResult, mustSucceed } from './kubectl.js';
import { type RolloutView, liveReplicaSets, replicaSetViews, rolloutView, routeWeights } from './observe.js';
import { fixturesDir } from './paths.js';
import type { World } from './world.js';

export type RolloutExpectation = Partial<RolloutView>;

export interface Scenario {
  readonly namespace: string;
  readonly world: World;
  readonly given: Given;
  readonly when: When;
  readonly then: Then;
}

export interface Given {
  /** `kubectl apply -n <ns> -f -` with the YAML text. */
  manifest(yaml: string): Promise<CommandResult>;
  /** A file under e2e/fixtures, with `{{ns}}` replaced by the scenario's namespace. */
  fixture(file: string): Promise<CommandResult>;
}

export interface When {
  kubectl(args: readonly string[]): Promise<CommandResult>;
  /** `kubectl argo rollouts ARGS -n <ns>`. */
  plugin(args: readonly string[]): Promise<CommandResult>;
  setImage(rollout: string, container: string, image: string): Promise<CommandResult>;
  promote(rollout: string, options?: { full?: boolean }): Promise<CommandResult>;
  abort(rollout: string): Promise<CommandResult>;
  retry(rollout: string): Promise<CommandResult>;
  pause(rollout: string): Promise<CommandResult>;
  restart(rollout: string): Promise<CommandResult>;
  undo(rollout: string, toRevision?: number): Promise<CommandResult>;
  /** `kubectl scale rollout/<name> --replicas N` (the scale subresource an HPA uses). */
  scale(rollout: string, replicas: number): Promise<CommandResult>;
}

export interface RolloutThen {
  /**
   * Waits until every given field of the rollout's view matches, read only once the controller has observed the
   * latest spec (a status left from the previous revision never satisfies an expectation about the new one).
   */
  reaches(want: RolloutExpectation, options?: EventuallyOptions): Promise<void>;
  /** Waits until the rollout's ReplicaSets with replicas > 0 are exactly `image → replicas`. */
  hasReplicaSets(want: Readonly<Record<string, number>>, options?: EventuallyOptions): Promise<void>;
  /** Waits until Events on the rollout include every reason, in any order. */
  recorded(reasons: readonly string[], options?: EventuallyOptions): Promise<void>;
  /** `kubectl argo rollouts get rollout` output contains every line fragment. */
  shows(fragments: readonly string[], options?: EventuallyOptions): Promise<void>;
}

export interface Then {
  rollout(name: string): RolloutThen;
  /** Waits until AnalysisRun `name` reaches `phase`; returns its measurement phases in order. */
  analysisRun(name: string, phase: string, options?: EventuallyOptions): Promise<string[]>;
  /** Waits until the VirtualService's route has exactly these `host → weight` destinations. */
  virtualService(name: string, route: string, want: Readonly<Record<string, number>>, options?: EventuallyOptions): Promise<void>;
  /** The last When command printed `text` on stdout. */
  printed(text: string): void;
}

let counter = 0;

/** A fresh namespace `e2e-<name>-<n>` in the world's cluster. */
export async function scenario(world: World, name: string): Promise<Scenario> {
  counter += 1;
  const namespace = `e2e-${name}-${process.pid}-${counter}`.slice(0, 63).replace(/-+$/, '');
  mustSucceed(`create namespace ${namespace}`, await world.kubectl.run(['create', 'namespace', namespace]));
  world.track(namespace);
  let last: CommandResult | undefined;
  const waitOpts = (o?: EventuallyOptions): EventuallyOptions => ({ diagnostics: () => world.diagnostics(), ...o });
  const act = async (what: string, r: Promise<CommandResult>): Promise<CommandResult> => {
    last = mustSucceed(what, await r);
    return last;
  };
  const plugin = (args: readonly string[]): Promise<CommandResult> => act(`kubectl argo rollouts ${args.join(' ')}`, world.kubectl.plugin([...args, '-n', namespace]));
  const given: Given = {
    manifest: (yaml) => act('kubectl apply', world.kubectl.run(['apply', '-n', namespace, '-f', '-'], yaml)),
    fixture: (file) => given.manifest(readFileSync(join(fixturesDir, file), 'utf8').replaceAll('{{ns}}', namespace)),
  };
  const when: When = {
    kubectl: (args) => act(`kubectl ${args.join(' ')}`, world.kubectl.run([...args, '-n', namespace])),
    plugin,
    setImage: (ro, container, image) => plugin(['set', 'image', ro, `${container}=${image}`]),
    promote: (ro, o) => plugin(['promote', ro, ...(o?.full === true ? ['--full'] : [])]),
    abort: (ro) => plugin(['abort', ro]),
    retry: (ro) => plugin(['retry', 'rollout', ro]),
    pause: (ro) => plugin(['pause', ro]),
    restart: (ro) => plugin(['restart', ro]),
    undo: (ro, rev) => plugin(['undo', ro, ...(rev === undefined ? [] : [`--to-revision=${rev}`])]),
    scale: (ro, n) => when.kubectl(['scale', `rollout/${ro}`, `--replicas=${n}`]),
  };
  const rolloutThen = (name: string): RolloutThen => ({
    reaches: (want, o) =>
      eventually(
        `rollout ${name} to reach ${JSON.stringify(want)}`,
        async () => {
          const ro = await world.cluster.rollout(namespace, name);
          return ro === undefined ? 'rollout not found' : diffFields(rolloutView(ro) as unknown as Record<string, unknown>, { observed: true, ...want });
        },
        waitOpts(o),
      ),
    hasReplicaSets: (want, o) =>
      eventually(
        `rollout ${name} ReplicaSets ${JSON.stringify(want)}`,
        async () => {
          const got = liveReplicaSets(replicaSetViews(await world.cluster.replicaSets(namespace), name));
          return diffFields({ rs: got }, { rs: sortKeys(want) }) === undefined ? undefined : `got ${JSON.stringify(got)}`;
        },
        waitOpts(o),
      ),
    recorded: (reasons, o) =>
      eventually(
        `rollout ${name} events ${reasons.join(', ')}`,
        async () => {
          const seen = new Set((await world.cluster.events(namespace)).filter((e) => e.kind === 'Rollout' && e.name === name).map((e) => e.reason));
          const missing = reasons.filter((r) => !seen.has(r));
          return missing.length === 0 ? undefined : `missing ${missing.join(', ')}; seen ${[...seen].join(', ')}`;
        },
        waitOpts(o),
      ),
    shows: (fragments, o) =>
      eventually(
        `kubectl argo rollouts get rollout ${name} to show ${JSON.stringify(fragments)}`,
        async () => {
          const r = await world.kubectl.plugin(['get', 'rollout', name, '-n', namespace]);
          const missing = fragments.filter((f) => !r.stdout.includes(f));
          return missing.length === 0 ? undefined : `missing ${JSON.stringify(missing)} in:\n${r.stdout}${r.stderr}`;
        },
        waitOpts({ intervalMs: 500, ...o }),
      ),
  });
  const then: Then = {
    rollout: rolloutThen,
    analysisRun: async (name, phase, o) => {
      let measurements: string[] = [];
      await eventually(
        `AnalysisRun ${name} to be ${phase}`,
        async () => {
          const run = (await world.cluster.analysisRuns(namespace)).find((r) => r.metadata?.name === name);
          if (run === undefined) return 'AnalysisRun not found';
          measurements = (run.status?.metricResults ?? []).flatMap((m) => (m.measurements ?? []).map((x) => String(x.phase)));
          return run.status?.phase === phase ? undefined : `phase ${String(run.status?.phase)} (${run.status?.message ?? ''}), measurements ${measurements.join(',')}`;
        },
        waitOpts(o),
      );
      return measurements;
    },
    virtualService: (name, route, want, o) =>
      eventually(
        `VirtualService ${name} route ${route} weights ${JSON.stringify(want)}`,
        async () => {
          const vs = await world.cluster.virtualService(namespace, name);
          if (vs === undefined) return 'VirtualService not found';
          const got = routeWeights(vs, route);
          return diffFields({ weights: sortKeys(got) }, { weights: sortKeys(want) });
        },
        waitOpts(o),
      ),
    printed: (text) => {
      if (last === undefined || !last.stdout.includes(text)) throw new Error(`expected the last command to print ${JSON.stringify(text)}, got ${JSON.stringify(last?.stdout)}`);
    },
  };
  return { namespace, world, given, when, then };
}

function sortKeys(o: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}
