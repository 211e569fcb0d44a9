/**
 * A local HTTP endpoint for the web metric provider whose answer a scenario sets (seed S18's body shape
 * `{"data": {"ok": true, "successPercent": 0.95}}`), recording every request it receives.
 */
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MetricEndpoint {
  readonly url: string;
  /** The JSON body served from now on. */
  answer(body: unknown): void;
  /** Requests received: path+query and the Authorization header. */
  readonly requests: { path: string; authorization: string | undefined }[];
  close(): Promise<void>;
}

export async function startMetricEndpoint(initial: unknown): Promise<MetricEndpoint> {
  let body: unknown = initial;
  const requests: { path: string; authorization: string | undefined }[] = [];
  const server: Server = createServer((req, res) => {
    requests.push({ path: req.url ?? '', authorization: req.headers.authorization });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    answer: (b) => {
      body = b;
    },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
