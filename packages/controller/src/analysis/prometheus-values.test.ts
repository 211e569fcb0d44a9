import { describe, expect, it } from 'vitest';
import { parseApiResponse } from './prometheus.js';
import { convertPrometheusData, formatGoFloat, parseSampleValue } from './prometheus-values.js';

describe('formatGoFloat (strconv.FormatFloat(v, \'f\', -1, 64))', () => {
  it.each([
    { v: 0.99, text: '0.99' },
    { v: 1, text: '1' },
    { v: 1e21, text: '1000000000000000000000' },
    { v: 1.5e-7, text: '0.00000015' },
    { v: -2.5e-10, text: '-0.00000000025' },
    { v: 123456789.125, text: '123456789.125' },
    { v: Number.NaN, text: 'NaN' },
    { v: Number.POSITIVE_INFINITY, text: '+Inf' },
    { v: Number.NEGATIVE_INFINITY, text: '-Inf' },
  ])('$v → $text', ({ v, text }) => expect(formatGoFloat(v)).toBe(text));
});

describe('parseSampleValue', () => {
  it.each([
    { text: '0.5', v: 0.5 },
    { text: '+Inf', v: Number.POSITIVE_INFINITY },
    { text: '-Inf', v: Number.NEGATIVE_INFINITY },
    { text: '1e-7', v: 1e-7 },
  ])('$text', ({ text, v }) => expect(parseSampleValue(text)).toBe(v));
  it('NaN', () => expect(parseSampleValue('NaN')).toBeNaN());
});

// parity: argo-rollouts metricproviders/prometheus/prometheus_test.go (vector/scalar/matrix/unsupported)
describe('convertPrometheusData', () => {
  it.each([
    { name: 'scalar', data: { resultType: 'scalar', result: [1700000000, '10'] }, out: { result: 10, value: '10' } },
    { name: 'vector of one', data: { resultType: 'vector', result: [{ metric: {}, value: [1700000000, '0.99'] }] }, out: { result: [0.99], value: '[0.99]' } },
    { name: 'vector of two', data: { resultType: 'vector', result: [{ metric: { a: '1' }, value: [1, '10'] }, { metric: { a: '2' }, value: [1, '11'] }] }, out: { result: [10, 11], value: '[10,11]' } },
    { name: 'empty vector', data: { resultType: 'vector', result: [] }, out: { result: [], value: '[]' } },
    { name: 'matrix flattened', data: { resultType: 'matrix', result: [{ metric: {}, values: [[1, '1'], [2, '2']] }, { metric: {}, values: [[1, '3']] }] }, out: { result: [1, 2, 3], value: '[1,2,3]' } },
    // parity: client_golang queryResult.UnmarshalJSON / prometheus/common ValueType.UnmarshalJSON (a real client
    // never hands argo-rollouts a string value; its mock-based "not supported" test cannot happen over HTTP)
    { name: 'string → decoder error', data: { resultType: 'string', result: [1, 'x'] }, out: { error: 'unexpected value type "string"' } },
    { name: 'no resultType → <ValNone>', data: { result: [] }, out: { error: 'unexpected value type "<ValNone>"' } },
    { name: 'null data → <ValNone>', data: null, out: { error: 'unexpected value type "<ValNone>"' } },
    { name: 'unknown name', data: { resultType: 'streams', result: [] }, out: { error: 'unknown value type "streams"' } },
  ])('$name', ({ data, out }) => expect(convertPrometheusData(data)).toEqual(out));

  it('NaN sample', () => {
    const out = convertPrometheusData({ resultType: 'vector', result: [{ metric: {}, value: [1, 'NaN'] }] });
    expect('value' in out && out.value).toBe('[NaN]');
  });
});

describe('parseApiResponse (client_golang error text)', () => {
  it.each([
    { name: 'API error document', status: 400, body: '{"status":"error","errorType":"bad_data","error":"invalid parameter \\"query\\""}', error: 'bad_data: invalid parameter "query"' },
    { name: '422 API error document', status: 422, body: '{"status":"error","errorType":"execution","error":"query timed out"}', error: 'execution: query timed out' },
    // client_golang v1.24 reads an error document only on 400/422; a 503 is a plain server error
    { name: '503 with error document', status: 503, body: '{"status":"error","errorType":"unavailable","error":"too many queries"}', error: 'server_error: server error: 503' },
    { name: '400 whose document says success', status: 400, body: '{"status":"success","data":{"resultType":"scalar","result":[1,"1"]}}', error: 'bad_response: inconsistent body for response code' },
    { name: '422 whose document says success', status: 422, body: '{"status":"success","data":{}}', error: 'bad_response: inconsistent body for response code' },
    { name: '503 whose document says success', status: 503, body: '{"status":"success","data":{}}', error: 'server_error: server error: 503' },
    { name: '502 from a proxy', status: 502, body: '<html>bad gateway</html>', error: 'server_error: server error: 502' },
    { name: '404', status: 404, body: 'not found', error: 'client_error: client error: 404' },
    { name: '200 but not JSON', status: 200, body: 'hello', error: /^bad_response: / },
  ])('$name', ({ status, body, error }) => {
    expect(() => parseApiResponse(status, body)).toThrow(error);
  });

  it('success document', () => expect(parseApiResponse(200, '{"status":"success","data":{"resultType":"scalar","result":[1,"1"]}}').data).toEqual({ resultType: 'scalar', result: [1, '1'] }));
});
