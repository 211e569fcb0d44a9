import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startSandboxWithCrds } from './__fixtures__/sandbox.js';
const fx = await startSandboxWithCrds({});
fx.sandbox.onRequest((r) => console.log(r.method, r.path, r.query, r.status));
const t0 = Date.now();
const res = spawnSync('kubectl', ['--kubeconfig', fx.kubeconfigPath, '--cache-dir', join(fx.dir, 'cache'), 'apply', '-f', '/work/main/manifests/install.yaml', '--request-timeout=5s'], { encoding: 'utf8', env: { ...process.env, HOME: fx.dir } });
console.log(res.status, res.stdout, res.stderr, Date.now() - t0);
await fx.sandbox.close();
