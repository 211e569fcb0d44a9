/**
 * OAuth2 client-credentials token for Prometheus and Web metrics (`authentication.oauth2`): POST the token URL with
 * `grant_type=client_credentials` and the client id/secret (basic auth) and scopes, use `access_token`.
 * parity: golang.org/x/oauth2/clientcredentials (as used by argo-rollouts metric providers)
 */
import { STATUS_CODES } from 'node:http';
import type { OAuth2Config } from '@serin/api';
import type { HttpClient } from './http.js';

export async function oauth2Token(http: HttpClient, config: OAuth2Config, timeoutMs: number, insecure = false): Promise<string> {
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if ((config.scopes ?? []).length > 0) form.set('scope', (config.scopes ?? []).join(' '));
  const basic = Buffer.from(`${encodeURIComponent(config.clientId ?? '')}:${encodeURIComponent(config.clientSecret ?? '')}`).toString('base64');
  const res = await http({
    method: 'POST',
    url: config.tokenUrl ?? '',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Basic ${basic}` },
    body: form.toString(),
    timeoutMs,
    insecure,
  });
  if (res.status < 200 || res.status >= 300) throw new Error(`oauth2: cannot fetch token: ${res.status} ${STATUS_CODES[res.status] ?? ''}\nResponse: ${res.body}`);
  let token: unknown;
  try {
    token = (JSON.parse(res.body) as { access_token?: unknown }).access_token;
  } catch {
    token = new URLSearchParams(res.body).get('access_token') ?? undefined;
  }
  if (typeof token !== 'string' || token === '') throw new Error('oauth2: server response missing access_token');
  return token;
}
