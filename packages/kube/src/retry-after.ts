/**
 * Server-requested retries, as client-go's REST client does them for every verb: an answer
 * 429 Too Many Requests or 5xx that carries an integer `Retry-After: <seconds>` header is sent
 * again after that many seconds, at most `MaxRequestRetries` (10) times; anything else (including a
 * 5xx without the header) is returned to the caller as is. The API server sets the header on
 * priority-and-fairness / max-in-flight rejections (429) and on server timeouts (504).
 *
 *   wait(status, headers) = seconds(Retry-After) · 1000   when status = 429 ∨ status ≥ 500
 *                         = none                          otherwise
 * parity: client-go rest/request.go + rest/with_retry.go (checkWait, retryAfterSeconds, maxRetries 10)
 */
export const MaxRequestRetries = 10;

/** ms to wait before sending the request again, or undefined when it must not be retried. */
export function retryAfterMs(status: number, headers: Readonly<Record<string, string | undefined>>): number | undefined {
  if (status !== 429 && status < 500) return undefined;
  const header = Object.entries(headers).find(([name]) => name.toLowerCase() === 'retry-after')?.[1]?.trim();
  if (header === undefined || !/^\d+$/.test(header)) return undefined;
  return Number(header) * 1000;
}
