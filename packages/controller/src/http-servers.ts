/**
 * The two listeners Argo's controller opens on 0.0.0.0: `GET /healthz` on `--healthzPort` (200,
 * `ok`, text/plain) and `GET /metrics` on `--metricsPort`. Other paths get Go's ServeMux 404 text.
 * Port 0 binds any free port (tests); the bound ports are returned.
 * parity: argo-rollouts controller/healthz.go, controller/metrics/metrics.go
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export const HealthzPath = '/healthz';
export const MetricsPath = '/metrics';

export interface MetricsSource {
  text(): Promise<string>;
  readonly contentType: string;
}

export interface HttpServersOptions {
  readonly healthzPort: number;
  readonly metricsPort: number;
  readonly metrics: MetricsSource;
  /** Default 0.0.0.0 (as upstream). */
  readonly host?: string;
  readonly onError?: (err: unknown) => void;
}

export interface HttpServers {
  readonly healthzPort: number;
  readonly metricsPort: number;
  close(): Promise<void>;
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  res.end('404 page not found\n');
}

function pathOf(req: IncomingMessage): string {
  return new URL(req.url ?? '/', 'http://localhost').pathname;
}

export function healthzHandler(req: IncomingMessage, res: ServerResponse): void {
  if (pathOf(req) !== HealthzPath) return notFound(res);
  res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  res.end('ok');
}

export function metricsHandler(metrics: MetricsSource, onError?: (err: unknown) => void) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (pathOf(req) !== MetricsPath) return notFound(res);
    metrics.text().then(
      (body) => {
        res.writeHead(200, { 'Content-Type': metrics.contentType });
        res.end(body);
      },
      (err: unknown) => {
        onError?.(err);
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(`An error has occurred while serving metrics:\n\n${err instanceof Error ? err.message : String(err)}`);
      },
    );
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export async function startHttpServers(options: HttpServersOptions): Promise<HttpServers> {
  const host = options.host ?? '0.0.0.0';
  const healthz = createServer(healthzHandler);
  const metrics = createServer(metricsHandler(options.metrics, options.onError));
  const healthzPort = await listen(healthz, options.healthzPort, host);
  let metricsPort: number;
  try {
    metricsPort = await listen(metrics, options.metricsPort, host);
  } catch (err) {
    await close(healthz);
    throw err;
  }
  return {
    healthzPort,
    metricsPort,
    close: async () => {
      await Promise.all([close(healthz), close(metrics)]);
    },
  };
}
