#!/usr/bin/env node
// `npm run demo`: bootstrap, then a local sandbox cluster + serin-controller on loopback, a demo app behind a
// simulated Istio mesh with traffic running, one good canary rollout (Healthy) and one bad one (analysis fails,
// the rollout aborts back to stable). Every child process stops on exit, error or Ctrl-C, unless `--keep`.
//   npm run demo                    full run
//   npm run demo -- --keep          leave the sandbox (and controller) running; prints `export KUBECONFIG=…`
//   npm run demo -- --no-build      skip the bootstrap (pnpm install + build) when dist/ is already fresh
//   npm run demo -- --no-prometheus use the web metric provider even when Prometheus is installed
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrap, root } from './bootstrap.mjs';
import { rolloutsCli } from './demo/cli.mjs';
import { MissingCapability, follow } from './demo/follow.mjs';
import { kubeClient, readManifests } from './demo/kube.mjs';
import { ANALYSIS_STEP, IMAGE, NS, demoApp } from './demo/manifests.mjs';
import { prometheusInstalled, startMetricsBackend } from './demo/metrics-backend.mjs';
import { killAllNow, keepChildren, startChild, stopAll, tail, waitForLog } from './demo/processes.mjs';

const args = new Set(process.argv.slice(2));
if (args.has('--help') || args.has('-h')) {
  process.stdout.write('usage: npm run demo [-- --keep] [--no-build] [--no-prometheus]\n');
  process.exit(0);
}
const keep = args.has('--keep');
const tty = process.stdout.isTTY === true;
const t0 = Date.now();
const timings = [];
const bold = (s) => (tty ? `\u001b[1m${s}\u001b[0m` : s);
const say = (title, text = '') => process.stdout.write(`\n${bold(`== ${title}`)}\n${text === '' ? '' : `${text}\n`}`);
const note = (text) => process.stdout.write(`   ${text}\n`);
const lap = (name, since) => timings.push([name, (Date.now() - since) / 1000]);

let interrupted = false;
process.on('exit', killAllNow);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (interrupted) return;
    interrupted = true;
    process.stdout.write(`\n[serin demo] ${sig}: stopping everything the demo started\n`);
    void stopAll().then(() => process.exit(130));
  });
}

let controller;
let dir;
const playground = { kubeconfig: undefined, pluginBin: join(root, 'plugin', 'bin') };
try {
  await main();
} catch (err) {
  if (interrupted) await new Promise(() => undefined); // the signal handler stops everything and exits
  process.stdout.write(`\n${bold('== The demo stopped')}\n`);
  if (err instanceof MissingCapability) {
    process.stdout.write(`Serin could not finish this part of the demo, so it stops here instead of faking it:\n  ${err.message}\n`);
    if (Array.isArray(err.changes)) printChanges(err.changes);
  } else {
    process.stdout.write(`${err instanceof Error ? err.message : String(err)}\n`);
  }
  if (controller !== undefined) process.stdout.write(`\n-- serin-controller log (last lines; full log ${controller.logPath}) --\n${tail(controller, 20)}\n`);
  if (keep && playground.kubeconfig !== undefined) {
    printKeep();
    process.exit(1);
  }
  await stopAll();
  process.exitCode = 1;
}

async function main() {
  say('Serin demo', 'Progressive delivery on a local, simulated Kubernetes cluster: a canary that succeeds, then one that fails its analysis and is rolled back.');
  if (!args.has('--no-build')) {
    const b = Date.now();
    say('Step 0: bootstrap', 'Installing the pinned pnpm and dependencies, then building every package (skip with --no-build).');
    bootstrap();
    lap('bootstrap', b);
  }
  for (const bin of ['packages/sandbox/dist/main.js', 'packages/controller/dist/main.js', 'plugin/dist/kubectl-argo-rollouts.mjs']) {
    if (!existsSync(join(root, bin))) throw new Error(`${bin} is missing: run without --no-build (or \`pnpm -r build\`) first`);
  }

  const started = Date.now();
  dir = mkdtempSync(join(tmpdir(), 'serin-demo-'));
  mkdirSync(dir, { recursive: true });
  const kubeconfig = join(dir, 'kubeconfig');
  playground.kubeconfig = kubeconfig;

  say('Step 1: a local cluster', 'Starting serin-sandbox: an in-memory Kubernetes API server with simulated ReplicaSets, pods and an Istio mesh.');
  const sandbox = startChild('serin-sandbox', [process.execPath, join(root, 'packages/sandbox/bin/serin-sandbox'), '--port', '0', '--kubeconfig', kubeconfig, '--pod-ready-ms', '600'], {
    logPath: join(dir, 'sandbox.log'),
  });
  const sandboxUrl = (await waitForLog(sandbox, /serin-sandbox ready (\S+)/, 15_000))[1];
  const kube = kubeClient(sandboxUrl);
  note(`API server at ${sandboxUrl}`);

  say('Step 2: install the CRDs', 'The five argoproj.io CRDs from crds/ (what install.yaml ships) and minimal Istio VirtualService/DestinationRule CRDs.');
  const crdFiles = readdirSync(join(root, 'crds')).filter((f) => f.endsWith('.yaml')).map((f) => join(root, 'crds', f));
  for (const file of [...crdFiles, join(root, 'e2e', 'fixtures', 'istio-crds.yaml')]) {
    for (const obj of readManifests(root, file)) {
      await kube.apply(obj);
      note(`customresourcedefinition ${obj.metadata.name}`);
    }
  }

  const usePrometheus = !args.has('--no-prometheus') && prometheusInstalled();
  say(
    'Step 3: metrics',
    usePrometheus
      ? 'Prometheus is installed: starting it to scrape the mesh\'s Istio metrics every second; the analysis uses the prometheus provider.'
      : 'Prometheus is not installed (or --no-prometheus): the analysis uses the web provider against a small success-rate endpoint over the mesh\'s Istio metrics.',
  );
  const metrics = await startMetricsBackend({ root, dir, sandboxUrl, usePrometheus });
  note(metrics.kind === 'prometheus' ? `Prometheus at ${metrics.address}` : `success-rate endpoint at ${metrics.url}`);

  say('Step 4: the controller', 'Starting serin-controller (the Argo Rollouts replacement) against the sandbox.');
  controller = startChild('serin-controller', [process.execPath, join(root, 'packages/controller/bin/serin-controller'), '--kubeconfig', kubeconfig, '--leader-elect=false', '--metricsPort', '0', '--healthzPort', '0'], {
    logPath: join(dir, 'controller.log'),
  });
  await waitForLog(controller, /Started controller/, 30_000);
  note(`running; log at ${controller.logPath}`);

  say('Step 5: the demo app', `Namespace ${NS}: Rollout "demo" (5 pods of ${IMAGE('v1')}), Services demo/demo-stable/demo-canary, VirtualService demo (100 % stable), a DestinationRule and the success-rate AnalysisTemplate.`);
  for (const obj of demoApp(metrics)) {
    await kube.apply(obj);
    note(`${obj.kind.toLowerCase()} ${obj.metadata.name}`);
  }
  const load = await kube.request('PUT', '/serin/mesh', { loads: [{ namespace: NS, host: 'demo', ratePerSecond: 50 }] });
  if (load.status !== 200) throw new Error(`could not start mesh traffic: HTTP ${load.status} ${load.text}`);
  note('mesh traffic: 50 requests/s to http://demo, routed by the VirtualService');
  const cli = rolloutsCli(root, kubeconfig);
  await follow({ kube, cli, tty: false, printTrees: false, until: (s) => s.observed && s.phase === 'Healthy' && s.available === 5, timeoutS: 40 }).catch((err) => {
    throw new MissingCapability(`the first revision never became Healthy: ${err.message}`);
  });
  process.stdout.write(`${cli.run(['get', 'rollout', 'demo', '-n', NS]).stdout}`);
  lap('cluster, controller and app ready', started);

  // ---- good canary ----
  const good = Date.now();
  say(
    'Step 6: a good release',
    `$ kubectl argo rollouts set image demo demo=${IMAGE('v2')} -n ${NS}\n` +
      'Serin sends 20 % of the traffic to the canary, waits, runs the success-rate analysis on the canary\'s live traffic, then 50 %, then promotes it.',
  );
  runCli(cli, ['set', 'image', 'demo', `demo=${IMAGE('v2')}`, '-n', NS]);
  const goodRun = await follow({
    kube,
    cli,
    tty,
    timeoutS: 90,
    until: (s) => s.observed && s.phase === 'Healthy' && s.image === IMAGE('v2') && s.stableIsCurrent && s.weights.canary === 0,
    checks: capabilityChecks(good),
  });
  lap('good release (v2) to Healthy', good);
  if (!tty) printChanges(goodRun.changes);
  report(goodRun.state, cli);

  // ---- bad canary ----
  const bad = Date.now();
  say(
    'Step 7: a bad release',
    `$ kubectl argo rollouts set image demo demo=${IMAGE('bad')} -n ${NS}\n` +
      'This image answers HTTP 500 to about half of its requests. Watch the analysis fail and Serin put all traffic back on the stable version.',
  );
  runCli(cli, ['set', 'image', 'demo', `demo=${IMAGE('bad')}`, '-n', NS]);
  const badRun = await follow({
    kube,
    cli,
    tty,
    timeoutS: 90,
    until: (s) => s.observed && s.aborted && s.phase === 'Degraded' && s.weights.canary === 0 && s.canaryReplicas === 0,
    checks: [...capabilityChecks(bad), (s) => (s.observed && s.phase === 'Healthy' && s.image === IMAGE('bad') && s.stableIsCurrent ? 'the bad image was promoted: the analysis did not stop it' : undefined)],
  });
  lap('bad release (bad) aborted back to stable', bad);
  if (!tty) printChanges(badRun.changes);
  report(badRun.state, cli);

  const total = (Date.now() - t0) / 1000;
  say('Done', `The good release went live; the bad one was caught by its analysis and rolled back — all traffic is on ${IMAGE('v2')}.`);
  for (const [name, s] of timings) note(`${name.padEnd(44)} ${s.toFixed(1)} s`);
  note(`${'total'.padEnd(44)} ${total.toFixed(1)} s`);

  if (keep) {
    printKeep();
    process.exit(0);
  }
  await stopAll();
  rmSync(dir, { recursive: true, force: true });
}

/** `--keep`: hand the running processes over to the user with the lines to reach them. */
function printKeep() {
  const kept = keepChildren();
  say(
    'Still running (--keep)',
    `export KUBECONFIG=${playground.kubeconfig}\nexport PATH="${playground.pluginBin}:$PATH"\nkubectl argo rollouts get rollout demo -n ${NS}\n` +
      `# stop everything later:\nkill ${kept.map((k) => k.pid).join(' ')}`,
  );
}

function runCli(cli, cliArgs) {
  const r = cli.run(cliArgs);
  process.stdout.write(r.stdout);
  if (r.status !== 0) throw new Error(`kubectl argo rollouts ${cliArgs.join(' ')} failed (exit ${r.status}):\n${r.stderr}`);
}

/**
 * Fail loudly when a capability the demo relies on is not there: the VirtualService must get canary
 * weight once the canary is up, and an AnalysisRun must exist once the analysis step is reached.
 */
function capabilityChecks(sinceMs) {
  const since = new Date(Math.floor(sinceMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  let analysisSince;
  let sawCanaryWeight = false;
  let pastSetWeightSince;
  return [
    (s, t) => {
      if (s.weights.canary > 0) sawCanaryWeight = true;
      if ((s.step ?? 0) >= 1 && pastSetWeightSince === undefined) pastSetWeightSince = t;
      if (!sawCanaryWeight && pastSetWeightSince !== undefined && t - pastSetWeightSince > 2) {
        return 'traffic routing: the rollout completed its setWeight 20 step but VirtualService demo still sends 0 % to demo-canary (serin-controller does not drive Istio weights yet)';
      }
      return undefined;
    },
    (s, t) => {
      if (s.step === ANALYSIS_STEP && analysisSince === undefined) analysisSince = t;
      if (s.runs.some((r) => r.created >= since)) return undefined;
      if (analysisSince !== undefined && t - analysisSince > 15) return `step analysis: the rollout is at step ${ANALYSIS_STEP} (analysis) but no AnalysisRun was created (serin-controller does not run step analysis yet)`;
      if ((s.step ?? 0) > ANALYSIS_STEP) return 'step analysis: the rollout went past its analysis step without creating an AnalysisRun';
      return undefined;
    },
  ];
}

function printChanges(changes) {
  process.stdout.write('state changes:\n');
  for (const c of changes) note(c);
}

function report(s, cli) {
  if (tty) process.stdout.write(cli.run(['get', 'rollout', 'demo', '-n', NS]).stdout);
  for (const r of s.runs.slice().sort((a, b) => a.created.localeCompare(b.created)).slice(-1)) {
    const values = r.measurements.map((m) => `${m.value ?? '?'} (${m.phase})`).join(', ');
    note(`AnalysisRun ${r.name}: ${r.phase}${r.message ? ` — ${r.message}` : ''}${values ? `; measured success rate: ${values}` : ''}`);
  }
  note(`VirtualService demo: stable ${s.weights.stable} %, canary ${s.weights.canary} %`);
}
