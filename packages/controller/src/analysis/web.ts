/**
 * Web metric provider: one HTTP request per measurement (`method` GET/POST/PUT, `headers`, `body` or `jsonBody`,
 * `timeoutSeconds` default 10, `insecure`, OAuth2 client credentials); non-2xx → Error
 * `received non 2xx response code: <code>`; a JSON body is narrowed with `jsonPath`, a non-JSON body is the result
 * as a string; `value` is Go's json.Marshal text of the selected value (sorted keys, `\u003c`-style HTML escapes),
 * set only when the condition evaluated.
 * parity: argo-rollouts metricproviders/webmetric/webmetric.go (Run, parseResponse, NewWebMetricHttpClient)
 */
import { ANALYSIS_PHASE, type AnalysisRun, type Measurement, type Metric, getWebMetricTimeoutSecondsOrDefault } from '@serin/api';
import { errorMeasurement, evaluateResult, metaTime } from '@serin/core';
import type { Clock } from '@serin/kube';
import type { HttpClient } from './http.js';
import { goJsonMarshalDecoded } from './go-json-value.js';
import { selectJsonPath } from './json-path.js';
import { oauth2Token } from './oauth2.js';
import { type MetricProvider, errorMessage } from './provider.js';

export const WEB_PROVIDER_TYPE = 'Web';

export interface WebProviderOptions {
  readonly http: HttpClient;
  readonly clock: Clock;
}


export function webProvider(options: WebProviderOptions): MetricProvider {
  const { http, clock } = options;
  return {
    type: WEB_PROVIDER_TYPE,
    metadata: () => undefined,
    async run(_run: AnalysisRun, metric: Metric): Promise<Measurement> {
      const base: Measurement = { phase: ANALYSIS_PHASE.Running, startedAt: metaTime(clock.now()) };
      const fail = (message: string): Measurement => errorMeasurement(base, message, clock.now());
      const web = metric.provider.web;
      if (web === undefined) return fail('web metric provider not configured');
      const method = web.method || 'GET';
      const hasBody = web.body !== undefined && web.body !== '';
      const hasJsonBody = web.jsonBody !== undefined && web.jsonBody !== null;
      if (hasBody && hasJsonBody) return fail('use either Body or JSONBody; both cannot exists for WebMetric payload');
      if ((hasBody || hasJsonBody) && method === 'GET') return fail('Body/JSONBody can only be used with POST or PUT WebMetric Method types');
      const oauth = web.authentication?.oauth2;
      if (oauth?.tokenUrl && (!oauth.clientId || !oauth.clientSecret)) return fail('missing mandatory parameter in metric for OAuth2 setup');

      const timeoutMs = getWebMetricTimeoutSecondsOrDefault(web) * 1000;
      const headers: Record<string, string> = {};
      for (const h of web.headers ?? []) headers[h.key] = h.value;
      if (hasJsonBody) headers['Content-Type'] = 'application/json';
      try {
        if (oauth?.tokenUrl) headers['Authorization'] = `Bearer ${await oauth2Token(http, oauth, timeoutMs, web.insecure)}`;
        const body = hasBody ? web.body : hasJsonBody ? JSON.stringify(web.jsonBody) : undefined;
        const res = await http({ method, url: web.url, headers, ...(body === undefined ? {} : { body }), timeoutMs, insecure: web.insecure === true });
        if (res.status < 200 || res.status >= 300) return fail(`received non 2xx response code: ${res.status}`);

        let result: unknown;
        let value: string;
        let parsed: unknown;
        let isJson = true;
        try {
          parsed = JSON.parse(res.body) as unknown;
        } catch {
          isJson = false;
        }
        if (!isJson) {
          result = res.body;
          value = res.body;
        } else {
          const selected = selectJsonPath(parsed, web.jsonPath);
          if ('error' in selected) return fail(selected.error);
          result = selected.value;
          value = goJsonMarshalDecoded(selected.value); // json.Marshal: sorted keys, HTML-safe strings
        }
        const assessment = evaluateResult(result, metric);
        // the value is set only once the condition evaluated: an Error measurement has none
        if (assessment.message !== undefined) return fail(assessment.message);
        return { ...base, value, phase: assessment.phase, finishedAt: metaTime(clock.now()) };
      } catch (e) {
        return fail(errorMessage(e));
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
