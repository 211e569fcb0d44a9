/**
 * Test fixture (not built): a sandbox with the minimal Istio CRDs and the seed's reviews VS/DR in
 * namespace `istio`, a kube client, VirtualService/DestinationRule informers, and write accounting.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Sandbox, startSandbox } from '@serin/sandbox';
import { type CustomObject, type Informer, InformerFactory, type KubeClient, createKubeClient, systemClock } from '@serin/kube';
import { parseAllDocuments } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));

export function yamlDocs(file: string): Array<Record<string, unknown>> {
  return parseAllDocuments(readFileSync(join(here, file), 'utf8')).map((d) => d.toJS() as Record<string, unknown>);
}

export interface IstioSandbox {
  readonly sandbox: Sandbox;
  readonly client: KubeClient;
  readonly virtualServices: Informer<CustomObject>;
  readonly destinationRules: Informer<CustomObject>;
  /** `METHOD path` of every non-GET request served, in order. */
  readonly writes: string[];
  /** HTTP status of each entry in `writes`. */
  readonly writeStatuses: number[];
  /** Writes whose path contains `fragment`. */
  writesTo(fragment: string): string[];
  stop(): Promise<void>;
}

export async function startIstioSandbox(options: { istioApiVersion?: string } = {}): Promise<IstioSandbox> {
  const dir = mkdtempSync(join(tmpdir(), 'serin-istio-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  const sandbox = await startSandbox({ port: 0, podReadyMs: 50, kubeconfigPath });
  const crds = sandbox.api.type('apiextensions.k8s.io', 'v1', 'customresourcedefinitions');
  for (const crd of yamlDocs('istio-crds.yaml')) sandbox.api.create(crds, undefined, crd);
  sandbox.api.create(sandbox.api.type('', 'v1', 'namespaces'), undefined, { metadata: { name: 'istio' } });
  for (const obj of yamlDocs('reviews-istio.yaml')) {
    const plural = obj['kind'] === 'VirtualService' ? 'virtualservices' : 'destinationrules';
    sandbox.api.create(sandbox.api.type('networking.istio.io', 'v1alpha3', plural), 'istio', obj);
  }
  const writes: string[] = [];
  const writeStatuses: number[] = [];
  sandbox.onRequest((r) => {
    if (r.method === 'GET') return;
    writes.push(`${r.method} ${r.path}`);
    writeStatuses.push(r.status);
  });
  const istioApiVersion = options.istioApiVersion ?? 'v1alpha3';
  const client = createKubeClient({ kubeconfigPath, qps: 0, istioApiVersion });
  const factory = new InformerFactory({ transport: client.transport, clock: systemClock(), istioApiVersion });
  const virtualServices = factory.virtualServices();
  const destinationRules = factory.destinationRules();
  factory.start();
  await Promise.all([virtualServices.waitForSync(), destinationRules.waitForSync()]);
  return {
    sandbox,
    client,
    virtualServices,
    destinationRules,
    writes,
    writeStatuses,
    writesTo: (fragment) => writes.filter((w) => w.includes(fragment)),
    async stop() {
      factory.stop();
      await sandbox.close();
    },
  };
}

/** Poll until `cond` holds (bounds the wait only; tests assert on counts and contents). */
export async function until(cond: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
