/**
 * Prometheus API result → the condition `result` and the measurement `value`, as upstream converts them:
 * scalar → float; vector → list of floats (one per sample); matrix → every sample of every series, flattened;
 * `value` = Go's float text (`strconv.FormatFloat(v, 'f', -1, 64)`: `0.99`, `NaN`, `+Inf`), lists as `[a,b]`.
 * parity: argo-rollouts metricproviders/prometheus/prometheus.go processResponse, sampleValuesToResultStr
 */

/** Prometheus' sample text → float (`"NaN"`, `"+Inf"`, `"-Inf"` included). */
export function parseSampleValue(text: unknown): number {
  if (typeof text !== 'string') return Number.NaN;
  switch (text) {
    case '+Inf':
    case 'Inf':
      return Number.POSITIVE_INFINITY;
    case '-Inf':
      return Number.NEGATIVE_INFINITY;
    default:
      return Number(text);
  }
}

/** Go `strconv.FormatFloat(v, 'f', -1, 64)`: shortest round-trip digits, never an exponent. */
export function formatGoFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Number.POSITIVE_INFINITY) return '+Inf';
  if (v === Number.NEGATIVE_INFINITY) return '-Inf';
  if (Object.is(v, -0)) return '-0';
  const text = String(v);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (m === null) return text;
  const [, sign = '', lead = '', frac = '', expText = '0'] = m;
  const digits = lead + frac;
  const exp = Number.parseInt(expText, 10);
  if (exp >= 0) {
    const intDigits = exp + 1;
    return sign + (digits.length <= intDigits ? digits + '0'.repeat(intDigits - digits.length) : `${digits.slice(0, intDigits)}.${digits.slice(intDigits)}`);
  }
  return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
}

export interface ConvertedResult {
  /** The condition input: a float, or a list of floats. */
  readonly result: number | number[];
  /** The measurement value text. */
  readonly value: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `[ts, "v"]` → v. */
const samplePairValue = (pair: unknown): number => (Array.isArray(pair) ? parseSampleValue(pair[1]) : Number.NaN);

const list = (values: number[]): ConvertedResult => ({ result: values, value: `[${values.map(formatGoFloat).join(',')}]` });

/**
 * The error client_golang's query decoding gives for a `resultType` other than scalar/vector/matrix: a known type it
 * does not decode (`string`, or none) → `unexpected value type "<t>"`; an unknown name → `unknown value type "<t>"`.
 * (Upstream's `Prometheus metric type not supported` is unreachable with a real client: the decoder rejects first.)
 * parity: prometheus/client_golang api/prometheus/v1/api.go queryResult.UnmarshalJSON;
 *         prometheus/common model/value_type.go ValueType.UnmarshalJSON
 */
export function unsupportedResultTypeError(resultType: unknown): string {
  const name = resultType === undefined || resultType === null ? '<ValNone>' : resultType;
  if (typeof name !== 'string') return `json: cannot unmarshal ${Array.isArray(name) ? 'array' : typeof name} into Go value of type string`;
  if (name === 'string' || name === '<ValNone>') return `unexpected value type ${JSON.stringify(name)}`;
  return `unknown value type ${JSON.stringify(name)}`;
}

/** `data` of a successful API response → result and value; other result types → the decoder's error. */
export function convertPrometheusData(data: unknown): ConvertedResult | { readonly error: string } {
  if (!isRecord(data)) return { error: unsupportedResultTypeError(undefined) };
  const result = data['result'];
  switch (data['resultType']) {
    case 'scalar': {
      const v = samplePairValue(result);
      return { result: v, value: formatGoFloat(v) };
    }
    case 'vector':
      return list((Array.isArray(result) ? result : []).filter(isRecord).map((s) => samplePairValue(s['value'])));
    case 'matrix':
      return list((Array.isArray(result) ? result : []).filter(isRecord).flatMap((s) => (Array.isArray(s['values']) ? s['values'] : []).map(samplePairValue)));
    default:
      return { error: unsupportedResultTypeError(data['resultType']) };
  }
}
