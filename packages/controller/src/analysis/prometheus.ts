/**
 * Prometheus metric provider: instant query (`/api/v1/query`) or range query (`/api/v1/query_range` with
 * `rangeQuery.start`/`end` expressions over `now()` and a Go-duration `step`), `timeout` seconds (default 30),
 * custom headers, basic auth, OAuth2 client credentials, `insecure` TLS. The metric result's metadata stores the
 * resolved query (`ResolvedPrometheusQuery`); Prometheus warnings go to the measurement's `metadata.warnings`.
 * parity: argo-rollouts metricproviders/prometheus/prometheus.go (Run, processResponse, NewPrometheusProvider,
 *         NewPrometheusAPI) and prometheus/client_golang api/prometheus/v1 (Query, QueryRange, DoGetFallback: form POST,
 *         a GET with the form as query string on 403/405/501; error text)
 */
import { ANALYSIS_PHASE, type AnalysisRun, type Measurement, type Metric, type PrometheusMetric, parseGoDuration } from '@serin/api';
import { errorMeasurement, evaluateResult, evaluateTime, metaTime } from '@serin/core';
import type { Clock } from '@serin/kube';
import type { HttpClient } from './http.js';
import { oauth2Token } from './oauth2.js';
import { convertPrometheusData } from './prometheus-values.js';
import { type MetricProvider, errorMessage } from './provider.js';

export const PROMETHEUS_PROVIDER_TYPE = 'Prometheus';
export const RESOLVED_PROMETHEUS_QUERY = 'ResolvedPrometheusQuery';
export const DEFAULT_PROMETHEUS_TIMEOUT_SECONDS = 30;

export interface PrometheusProviderOptions {
  readonly http: HttpClient;
  readonly clock: Clock;
  /** `ARGO_ROLLOUTS_PROMETHEUS_ADDRESS`: used when the metric has no `address`. */
  readonly defaultAddress?: string;
}

const isUrl = (text: string): boolean => {
  try {
    const u = new URL(text);
    return u.protocol !== '' && u.host !== '';
  } catch {
    return false;
  }
};

/** Go's `FormatFloat(sec, 'f', -1, 64)` of a unix time in seconds. */
const unixSeconds = (ms: number): string => String(ms / 1000);

/**
 * Go's `url.Values.Encode` of already key-sorted params: QueryEscape keeps only `A-Z a-z 0-9 - _ . ~` (space → `+`);
 * the WHATWG form serializer differs on `*` (kept) and `~` (escaped).
 */
const goFormEncode = (form: URLSearchParams): string => form.toString().replace(/\*/g, '%2A').replace(/%7E/g, '~');

/** Address + `/api/v1/<endpoint>` (a path prefix in the address is kept). */
function endpointUrl(address: string, endpoint: string): string {
  const u = new URL(address);
  u.pathname = `${u.pathname.replace(/\/+$/, '')}/api/v1/${endpoint}`;
  return u.toString();
}

/** Checks made when the provider is built (upstream NewPrometheusAPI / NewPrometheusProvider). */
export function prometheusConfigError(prom: PrometheusMetric, defaultAddress: string | undefined): string | undefined {
  if (prom.address) {
    if (!isUrl(prom.address)) return 'prometheus address is not is url format';
  } else if (defaultAddress) {
    if (!isUrl(defaultAddress)) return 'prometheus address is not is url format';
  } else {
    return 'prometheus address is not configured';
  }
  const basic = prom.authentication?.basicAuth;
  if (basic !== undefined && (basic.username || basic.password)) {
    if (!basic.username) return 'missing mandatory parameter in metric for basic auth setup: username';
    if (!basic.password) return 'missing mandatory parameter in metric for basic auth setup: password';
  }
  const oauth = prom.authentication?.oauth2;
  if (oauth?.tokenUrl && (!oauth.clientId || !oauth.clientSecret)) return 'missing mandatory parameter in metric for OAuth2 setup';
  const sigv4 = prom.authentication?.sigv4;
  const address = prom.address || defaultAddress || '';
  if (address.includes('aps-workspaces') && sigv4 !== undefined && (sigv4.region || sigv4.profile || sigv4.roleArn)) {
    return 'sigv4 authentication (Amazon Managed Prometheus) is not supported by serin';
  }
  if (prom.timeout !== undefined && prom.timeout < 0) return 'prometheus timeout should not be negative';
  return undefined;
}

/** Codes whose body is a Prometheus API error document (client_golang v1.24 `apiError`: 400 and 422 only). */
const API_ERROR_CODES = new Set([400, 422]);

/** Codes on which the form POST is sent again as a GET with the form in the query string (`DoGetFallback`). */
export const GET_FALLBACK_CODES: ReadonlySet<number> = new Set([403, 405, 501]);

/**
 * A query response → its document, or throw with client_golang's error text:
 * non-2xx other than 400/422 → `client_error: client error: <code>` (4xx), `server_error: server error: <code>` (5xx),
 * else `bad_response: bad response code <code>`; an unparsable body → `bad_response: …`; 400/422 whose document says
 * `success` → `bad_response: inconsistent body for response code`; `status: "error"` → `<errorType>: <error>`.
 * A 204 has no document. Any other status text is not an error (the data is decoded as is).
 * parity: prometheus/client_golang api/prometheus/v1/api.go apiClientImpl.Do, errorTypeAndMsgFor (v1.24.0)
 */
export function parseApiResponse(status: number, text: string): ApiResponse {
  if (Math.floor(status / 100) !== 2 && !API_ERROR_CODES.has(status)) {
    if (Math.floor(status / 100) === 5) throw new Error(`server_error: server error: ${status}`);
    if (Math.floor(status / 100) === 4) throw new Error(`client_error: client error: ${status}`);
    throw new Error(`bad_response: bad response code ${status}`);
  }
  if (status === 204) return {};
  let body: ApiResponse;
  try {
    const parsed: unknown = JSON.parse(text);
    body = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as ApiResponse) : {};
  } catch (e) {
    throw new Error(`bad_response: ${errorMessage(e)}`);
  }
  if (body.status === 'error') throw new Error(`${body.errorType ?? ''}: ${body.error ?? ''}`);
  if (API_ERROR_CODES.has(status) && body.status === 'success') throw new Error('bad_response: inconsistent body for response code');
  return body;
}

interface ApiResponse {
  status?: string;
  data?: unknown;
  errorType?: string;
  error?: string;
  warnings?: unknown;
}

export function prometheusProvider(options: PrometheusProviderOptions): MetricProvider {
  const { http, clock } = options;

  /** Query Prometheus; throws with client_golang-like messages. */
  const query = async (prom: PrometheusMetric): Promise<ApiResponse> => {
    const address = prom.address || options.defaultAddress || '';
    const timeoutMs = (prom.timeout ?? DEFAULT_PROMETHEUS_TIMEOUT_SECONDS) * 1000;
    const headers: Record<string, string> = {};
    for (const h of prom.headers ?? []) headers[h.key] = h.value;
    const basic = prom.authentication?.basicAuth;
    if (basic?.username && basic.password) headers['Authorization'] = `Basic ${Buffer.from(`${basic.username}:${basic.password}`).toString('base64')}`;
    const oauth = prom.authentication?.oauth2;
    if (oauth?.tokenUrl) headers['Authorization'] = `Bearer ${await oauth2Token(http, oauth, timeoutMs, prom.insecure)}`;

    const form = new URLSearchParams({ query: prom.query ?? '' });
    let endpoint = 'query';
    if (prom.rangeQuery !== undefined) {
      const nowMs = clock.now();
      let start: Date;
      let end: Date;
      try {
        start = evaluateTime(prom.rangeQuery.start ?? '', { now: nowMs });
      } catch (e) {
        throw new Error(`failed to parse rangeQuery.start as time: ${errorMessage(e)}`);
      }
      try {
        end = evaluateTime(prom.rangeQuery.end ?? '', { now: nowMs });
      } catch (e) {
        throw new Error(`failed to parse rangeQuery.end as time: ${errorMessage(e)}`);
      }
      const step = parseGoDuration(prom.rangeQuery.step ?? '');
      if ('error' in step) throw new Error(`failed to parse rangeQuery.step as duration: ${step.error}`);
      endpoint = 'query_range';
      form.set('start', unixSeconds(start.getTime()));
      form.set('end', unixSeconds(end.getTime()));
      form.set('step', String(step.ms / 1000));
    } else {
      form.set('time', unixSeconds(clock.now()));
    }
    form.sort(); // Go's url.Values.Encode orders by key
    const url = endpointUrl(address, endpoint);
    const encoded = goFormEncode(form);
    const insecure = prom.insecure === true;
    const res = await http({ method: 'POST', url, headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' }, body: encoded, timeoutMs, insecure });
    if (!GET_FALLBACK_CODES.has(res.status)) return parseApiResponse(res.status, res.body);
    // a server or proxy refusing POST: the same form as a GET query string
    const getUrl = new URL(url);
    getUrl.search = encoded;
    const retried = await http({ method: 'GET', url: getUrl.toString(), headers, timeoutMs, insecure });
    return parseApiResponse(retried.status, retried.body);
  };

  return {
    type: PROMETHEUS_PROVIDER_TYPE,
    metadata(metric) {
      const q = metric.provider.prometheus?.query;
      return q ? { [RESOLVED_PROMETHEUS_QUERY]: q } : undefined;
    },
    async run(_run: AnalysisRun, metric: Metric): Promise<Measurement> {
      const startedAt = metaTime(clock.now());
      const base: Measurement = { phase: ANALYSIS_PHASE.Running, startedAt };
      const prom = metric.provider.prometheus ?? {};
      try {
        const configError = prometheusConfigError(prom, options.defaultAddress);
        if (configError !== undefined) return errorMeasurement(base, configError, clock.now());
        const response = await query(prom);
        // no `data` (a 204, or a document without it): Go's json.Unmarshal of no bytes
        if (response.data === undefined) return errorMeasurement(base, 'unexpected end of JSON input', clock.now());
        const converted = convertPrometheusData(response.data);
        if ('error' in converted) return errorMeasurement(base, converted.error, clock.now());
        const assessment = evaluateResult(converted.result, metric);
        // value and warnings only once the condition evaluated (an Error measurement carries neither)
        if (assessment.message !== undefined) return errorMeasurement(base, assessment.message, clock.now());
        const measurement: Measurement = { ...base, value: converted.value };
        const warnings = Array.isArray(response.warnings) ? response.warnings.map(String) : [];
        if (warnings.length > 0) measurement.metadata = { warnings: warnings.map((w) => `"${w}"`).join(', ') };
        return { ...measurement, phase: assessment.phase, finishedAt: metaTime(clock.now()) };
      } catch (e) {
        return errorMeasurement(base, errorMessage(e), clock.now());
      }
    },
    async resume(_run, _metric, measurement) {
      return measurement;
    },
    async terminate(_run, _metric, measurement) {
      return measurement;
    },
    async garbageCollect() {},
  };
}
