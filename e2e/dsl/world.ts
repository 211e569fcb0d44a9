/**
 * One e2e world per test file: a fresh in-process sandbox plus `serin-controller` (default), or the external
 * cluster named by `$KUBECONFIG` with `E2E_CLUSTER=1` (Serin or Argo Rollouts must already run there). Each
 * scenario gets its own namespace, so scenarios in a file never see each other's objects.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@serin/sandbox';
import { type ClusterReader, clusterReader } from './cluster.js';
import { type ControllerProcess, startControllerProcess } from './controller-process.js';
import { type Kubectl, kubectlFor, mustSucceed } from './kubectl.js';
import { E2eMode, chooseMode } from './mode.js';
import { crdsDir, fixturesDir, pluginBundle } from './paths.js';

export interface World {
  readonly mode: E2eMode;
  readonly kubeconfig: string;
  readonly dir: string;
  readonly kubectl: Kubectl;
  readonly cluster: ClusterReader;
  /** The in-process sandbox (sandbox mode only): mesh load, request accounting, kubelet control. */
  readonly sandbox?: Sandbox;
  readonly controller?: ControllerProcess;
  /** Diagnostics appended to timeout errors. */
  diagnostics(): string;
  /** Remember a namespace a scenario created (deleted on close in cluster mode; the sandbox is discarded). */
  track(namespace: string): void;
  close(): Promise<void>;
}

export interface WorldOptions {
  /** Simulated pod start-to-Ready delay (sandbox mode); default 150 ms. */
  readonly podReadyMs?: number;
  /** Install the minimal Istio CRDs (VirtualService, DestinationRule) in sandbox mode. */
  readonly istio?: boolean;
  /** Start serin-controller (sandbox mode); default true. */
  readonly controller?: boolean;
}

/** What the suite needs on this machine, as a readable error instead of a confusing failure later. */
function checkPrerequisites(): void {
  if (!existsSync(pluginBundle)) throw new Error(`${pluginBundle} is missing: build first (\`pnpm -r build\` or \`npm test\`)`);
  if (spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status !== 0) throw new Error('the e2e suite needs the real kubectl on PATH');
}

export async function startWorld(options: WorldOptions = {}): Promise<World> {
  checkPrerequisites();
  const choice = chooseMode(process.env);
  const dir = mkdtempSync(join(tmpdir(), 'serin-e2e-'));
  if (choice.mode === E2eMode.cluster && choice.kubeconfig !== undefined) {
    const kubectl = kubectlFor(choice.kubeconfig, dir);
    const namespaces: string[] = [];
    return {
      mode: choice.mode,
      kubeconfig: choice.kubeconfig,
      dir,
      kubectl,
      cluster: clusterReader(choice.kubeconfig),
      diagnostics: () => '',
      track: (ns) => void namespaces.push(ns),
      async close() {
        if (namespaces.length > 0) await kubectl.run(['delete', 'namespace', '--wait=false', ...namespaces]);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const kubeconfig = join(dir, 'kubeconfig');
  const sandbox = await startSandbox({ port: 0, kubeconfigPath: kubeconfig, podReadyMs: options.podReadyMs ?? 150 });
  const kubectl = kubectlFor(kubeconfig, dir);
  mustSucceed('install crds/', await kubectl.run(['apply', '-f', crdsDir]));
  if (options.istio === true) mustSucceed('install Istio CRDs', await kubectl.run(['apply', '-f', join(fixturesDir, 'istio-crds.yaml')]));
  const controller = options.controller === false ? undefined : startControllerProcess(kubeconfig, join(dir, 'controller.log'));
  return {
    mode: E2eMode.sandbox,
    kubeconfig,
    dir,
    kubectl,
    cluster: clusterReader(kubeconfig),
    sandbox,
    ...(controller === undefined ? {} : { controller }),
    track: () => undefined,
    diagnostics: () => (controller === undefined ? '' : `--- serin-controller log (last lines) ---\n${controller.tail()}`),
    async close() {
      await controller?.stop();
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
