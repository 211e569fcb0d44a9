import { parseArgs } from 'node:util';
import { ADMIN_FLAGS, parseAdminFlags } from './admin/flags.js';
import { startSandbox } from './sandbox.js';

/**
 * `serin-sandbox --port N --kubeconfig FILE --pod-ready-ms N`: prints `serin-sandbox ready <url>` once serving,
 * exits 0 on SIGTERM/SIGINT. Part 2 flags (fault injection, `--kubelet-paused`, `--no-controllers`): `admin/flags.ts`.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      kubeconfig: { type: 'string' },
      'pod-ready-ms': { type: 'string', default: '1000' },
      host: { type: 'string', default: '127.0.0.1' },
      ...ADMIN_FLAGS,
    },
    strict: true,
  });
  const port = Number(values.port);
  const podReadyMs = Number(values['pod-ready-ms']);
  if (!Number.isInteger(port) || port < 0 || !Number.isFinite(podReadyMs) || podReadyMs < 0) {
    process.stderr.write('serin-sandbox: --port and --pod-ready-ms take non-negative numbers\n');
    process.exit(2);
  }
  const admin = parseAdminFlags(values);
  const sandbox = await startSandbox({
    port,
    podReadyMs,
    host: values.host,
    ...(values.kubeconfig !== undefined ? { kubeconfigPath: values.kubeconfig } : {}),
    controllers: admin.controllers,
    ...(admin.faults !== undefined ? { faults: admin.faults } : {}),
  });
  if (admin.kubeletPaused) sandbox.controllers?.kubelet.pause();
  process.stdout.write(`serin-sandbox ready ${sandbox.url}\n`);
  const stop = (): void => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`serin-sandbox: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
