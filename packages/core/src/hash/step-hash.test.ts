import { describe, expect, it } from 'vitest';
import { fnv32a } from './fnv.js';
import { safeEncodeString } from './safe-encode.js';
import { computeRolloutStepHash, computeStepHash, goJsonCanarySteps } from './step-hash.js';

const hashOf = (goJson: string): string => safeEncodeString(String(fnv32a(goJson)));

// Upstream utils/conditions/rollouts_test.go TestComputeStepHash (Go-produced).
const UPSTREAM = [
  { name: 'one empty pause', steps: [{ pause: {} }], goJson: '[{"pause":{}}]', hash: '6b9b86fbd5' },
  { name: 'two empty pauses', steps: [{ pause: {} }, { pause: {} }], goJson: '[{"pause":{}},{"pause":{}}]', hash: '79c9b9f6bf' },
  { name: 'no steps (nil slice marshals as null)', steps: null, goJson: 'null', hash: '5ffbfbbd64' },
] as const;

// Derived from Go encoding/json rules and the generated v1alpha1 table (CanaryStep and nested types).
const DERIVED = [
  {
    name: 'an empty list is a non-nil slice: [] not null',
    steps: [],
    goJson: '[]',
  },
  {
    name: 'pause duration keeps its IntOrString kind (number vs string); setWeight is a pointer',
    steps: [{ setWeight: 20 }, { pause: { duration: 10 } }, { pause: { duration: '1h' } }, { setWeight: 0 }],
    goJson: '[{"setWeight":20},{"pause":{"duration":10}},{"pause":{"duration":"1h"}},{"setWeight":0}]',
  },
  {
    name: 'RolloutAnalysis: templates before args, templateName always, clusterScope pointer',
    steps: [{ analysis: { args: [{ value: 'svc', name: 'service-name' }], templates: [{ clusterScope: false, templateName: 'success-rate' }] } }],
    goJson: '[{"analysis":{"templates":[{"templateName":"success-rate","clusterScope":false}],"args":[{"name":"service-name","value":"svc"}]}}]',
  },
  {
    name: 'experiment: non-pointer metadata/analysisRunMetadata structs print {}; name/specRef always',
    steps: [{ experiment: { duration: '1m', templates: [{ replicas: 3, specRef: 'stable', name: 'baseline' }] } }],
    goJson: '[{"experiment":{"templates":[{"name":"baseline","specRef":"stable","replicas":3,"metadata":{}}],"duration":"1m","analysisRunMetadata":{}}}]',
  },
  {
    name: 'setCanaryScale: pointer zero kept, false bool dropped',
    steps: [{ setCanaryScale: { weight: 0, matchTrafficWeight: false } }, { setCanaryScale: { matchTrafficWeight: true } }],
    goJson: '[{"setCanaryScale":{"weight":0}},{"setCanaryScale":{"matchTrafficWeight":true}}]',
  },
  {
    name: 'setHeaderRoute: headerValue has no omitempty (null when absent)',
    steps: [{ setHeaderRoute: { name: 'hdr', match: [{ headerName: 'x-canary', headerValue: { exact: 'yes' } }, { headerName: 'y' }] } }],
    goJson: '[{"setHeaderRoute":{"name":"hdr","match":[{"headerName":"x-canary","headerValue":{"exact":"yes"}},{"headerName":"y","headerValue":null}]}}]',
  },
  {
    name: 'setMirrorRoute: headers map sorted, StringMatch order exact/prefix/regex',
    steps: [{ setMirrorRoute: { percentage: 50, name: 'm', match: [{ headers: { b: { regex: '.*' }, a: { prefix: '/' } }, method: { exact: 'GET' } }] } }],
    goJson: '[{"setMirrorRoute":{"name":"m","match":[{"method":{"exact":"GET"},"headers":{"a":{"prefix":"/"},"b":{"regex":".*"}}}],"percentage":50}}]',
  },
  {
    name: 'plugin config is raw JSON: key order kept, HTML-escaped',
    steps: [{ plugin: { config: { b: 1, a: '<x>' }, name: 'argoproj-labs/p' } }],
    goJson: '[{"plugin":{"name":"argoproj-labs/p","config":{"b":1,"a":"\\u003cx\\u003e"}}}]',
  },
] as const;

describe('computeStepHash', () => {
  it.each(UPSTREAM)('upstream: $name', ({ steps, goJson, hash }) => {
    expect(goJsonCanarySteps(steps)).toBe(goJson);
    expect(computeStepHash(steps)).toBe(hash);
    expect(hashOf(goJson)).toBe(hash);
  });

  it.each(DERIVED)('derived: $name', ({ steps, goJson }) => {
    expect(goJsonCanarySteps(steps)).toBe(goJson);
    expect(computeStepHash(steps)).toBe(hashOf(goJson));
  });

  it('treats undefined like a nil list', () => {
    expect(computeStepHash(undefined)).toBe('5ffbfbbd64');
  });
});

describe('computeRolloutStepHash (upstream ComputeStepHash on a rollout)', () => {
  it.each([
    { name: 'blue-green → ""', strategy: { blueGreen: { activeService: 'a' } }, hash: '' },
    { name: 'no strategy → ""', strategy: {}, hash: '' },
    { name: 'blue-green wins even with a canary block → ""', strategy: { blueGreen: {}, canary: { steps: [{ pause: {} }] } }, hash: '' },
    { name: 'canary without steps', strategy: { canary: {} }, hash: '5ffbfbbd64' },
    { name: 'canary with one pause', strategy: { canary: { steps: [{ pause: {} }] } }, hash: '6b9b86fbd5' },
  ])('$name', ({ strategy, hash }) => {
    expect(computeRolloutStepHash(strategy)).toBe(hash);
  });
});
