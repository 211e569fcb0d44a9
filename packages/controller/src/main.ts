/**
 * Entry point of `serin-controller` (bin/serin-controller imports dist/main.js). The first SIGTERM or
 * SIGINT starts a graceful shutdown (exit 0); a second one exits 1 at once, as upstream's signal handler.
 */
import { runController } from './run.js';
import { controllerVersion } from './version.js';
import { createAnalysisRunReconciler, createExperimentReconciler, createRolloutReconciler } from './wiring.js';

let signalled = false;
const terminated = new Promise<void>((resolve) => {
  const onSignal = (): void => {
    if (signalled) process.exit(1);
    signalled = true;
    resolve();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
});

const code = await runController({
  argv: process.argv.slice(2),
  env: process.env,
  version: controllerVersion(),
  createRolloutReconciler,
  createAnalysisRunReconciler: (context) => createAnalysisRunReconciler(context, process.env),
  createExperimentReconciler,
  terminated,
});
process.exit(code);
