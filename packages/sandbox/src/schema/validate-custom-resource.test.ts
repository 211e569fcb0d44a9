import { describe, expect, it } from 'vitest';
import { invalidStatusMessage, strictDecodingMessage, validateCustomResource } from './index.js';
import type { JSONSchemaPropsLike } from './index.js';

const obj = (spec: unknown, extra: Record<string, unknown> = {}) => ({ apiVersion: 'example.io/v1', kind: 'Widget', metadata: { name: 'w' }, spec, ...extra });
const root = (spec: JSONSchemaPropsLike, required?: string[]): JSONSchemaPropsLike => ({
  type: 'object',
  properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, spec },
  ...(required ? { required } : {}),
});
const run = (spec: unknown, schema: JSONSchemaPropsLike) => validateCustomResource(obj(spec), schema, { strict: true });
const messages = (spec: unknown, schema: JSONSchemaPropsLike) => run(spec, schema).causes.map((c) => `${c.field}: ${c.message}`);

describe('validation messages (as kubectl prints `<field>: <message>`)', () => {
  it.each([
    {
      name: 'integer given a string',
      schema: root({ type: 'object', properties: { replicas: { type: 'integer' } } }),
      spec: { replicas: 'three' },
      expected: ['spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"'],
    },
    {
      name: 'integer given a fraction',
      schema: root({ type: 'object', properties: { replicas: { type: 'integer' } } }),
      spec: { replicas: 1.5 },
      expected: ['spec.replicas: Invalid value: "number": spec.replicas in body must be of type integer: "number"'],
    },
    {
      name: 'number accepts an integer',
      schema: root({ type: 'object', properties: { weight: { type: 'number' } } }),
      spec: { weight: 3 },
      expected: [],
    },
    {
      name: 'object given an array',
      schema: root({ type: 'object', properties: { selector: { type: 'object' } } }),
      spec: { selector: [] },
      expected: ['spec.selector: Invalid value: "array": spec.selector in body must be of type object: "array"'],
    },
    {
      name: 'required property missing',
      schema: root({ type: 'object', required: ['selector'], properties: { selector: { type: 'object' } } }),
      spec: {},
      expected: ['spec.selector: Required value'],
    },
    {
      name: 'required spec missing at the root',
      schema: root({ type: 'object' }, ['spec']),
      spec: undefined,
      expected: ['spec: Required value'],
    },
    {
      name: 'enum',
      schema: root({ type: 'object', properties: { mode: { type: 'string', enum: ['a', 'b'] } } }),
      spec: { mode: 'x' },
      expected: ['spec.mode: Unsupported value: "x": supported values: "a", "b"'],
    },
    {
      name: 'numeric enum quotes the supported values',
      schema: root({ type: 'object', properties: { level: { type: 'integer', enum: [1, 2] } } }),
      spec: { level: 3 },
      expected: ['spec.level: Unsupported value: 3: supported values: "1", "2"'],
    },
    {
      name: 'int-or-string accepts both',
      schema: root({ type: 'object', properties: { a: { 'x-kubernetes-int-or-string': true }, b: { 'x-kubernetes-int-or-string': true } } }),
      spec: { a: 1, b: '25%' },
      expected: [],
    },
    {
      name: 'int-or-string rejects a boolean',
      schema: root({ type: 'object', properties: { maxSurge: { 'x-kubernetes-int-or-string': true } } }),
      spec: { maxSurge: true },
      expected: ['spec.maxSurge: Invalid value: "boolean": spec.maxSurge in body must be of type integer,string: "boolean"'],
    },
    {
      name: 'null where not nullable',
      schema: root({ type: 'object', properties: { note: { type: 'string' } } }),
      spec: { note: null },
      expected: ['spec.note: Invalid value: "null": spec.note in body must be of type string: "null"'],
    },
    {
      name: 'null where nullable',
      schema: root({ type: 'object', properties: { note: { type: 'string', nullable: true } } }),
      spec: { note: null },
      expected: [],
    },
    {
      name: 'minimum and maximum',
      schema: root({ type: 'object', properties: { lo: { type: 'integer', minimum: 0 }, hi: { type: 'integer', maximum: 10, exclusiveMaximum: true } } }),
      spec: { lo: -1, hi: 10 },
      expected: [
        'spec.lo: Invalid value: -1: spec.lo in body should be greater than or equal to 0',
        'spec.hi: Invalid value: 10: spec.hi in body should be less than 10',
      ],
    },
    {
      name: 'string length and pattern',
      schema: root({ type: 'object', properties: { s: { type: 'string', minLength: 2, pattern: '^[a-z]+$' }, t: { type: 'string', maxLength: 3 } } }),
      spec: { s: 'A', t: 'abcd' },
      expected: [
        'spec.s: Invalid value: "A": spec.s in body should be at least 2 chars long',
        `spec.s: Invalid value: "A": spec.s in body should match '^[a-z]+$'`,
        'spec.t: Too long: may not be more than 3 bytes',
      ],
    },
    {
      name: 'maxItems and minItems',
      schema: root({ type: 'object', properties: { many: { type: 'array', maxItems: 2, items: { type: 'integer' } }, few: { type: 'array', minItems: 1, items: { type: 'integer' } } } }),
      spec: { many: [1, 2, 3], few: [] },
      expected: ['spec.many: Too many: 3: must have at most 2 items', 'spec.few: Invalid value: 0: spec.few in body should have at least 1 items'],
    },
    {
      name: 'date-time format',
      schema: root({ type: 'object', properties: { at: { type: 'string', format: 'date-time' }, ok: { type: 'string', format: 'date-time' } } }),
      spec: { at: 'yesterday', ok: '2026-11-27T10:00:00Z' },
      expected: ['spec.at: Invalid value: "yesterday": spec.at in body must be of type date-time: "yesterday"'],
    },
    {
      name: 'errors inside list items carry the index',
      schema: root({ type: 'object', properties: { steps: { type: 'array', items: { type: 'object', properties: { setWeight: { type: 'integer' } } } } } }),
      spec: { steps: [{ setWeight: 10 }, { setWeight: 'x' }] },
      expected: ['spec.steps[1].setWeight: Invalid value: "string": spec.steps[1].setWeight in body must be of type integer: "string"'],
    },
    {
      name: 'map values validated against additionalProperties',
      schema: root({ type: 'object', properties: { limits: { type: 'object', additionalProperties: { type: 'integer' } } } }),
      spec: { limits: { cpu: 1, mem: 'x' } },
      expected: ['spec.limits.mem: Invalid value: "string": spec.limits.mem in body must be of type integer: "string"'],
    },
  ])('$name', ({ schema, spec, expected }) => {
    expect(messages(spec, schema)).toEqual(expected);
  });

  it('causes carry the upstream reason codes', () => {
    const schema = root({ type: 'object', required: ['a'], properties: { a: { type: 'string' }, b: { type: 'integer' }, c: { type: 'string', enum: ['x'] } } });
    expect(run({ b: 'no', c: 'y' }, schema).causes.map((c) => c.reason)).toEqual(['FieldValueRequired', 'FieldValueTypeInvalid', 'FieldValueNotSupported']);
  });
});

describe('pruning', () => {
  const schema = root({
    type: 'object',
    properties: {
      known: { type: 'string' },
      items: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } },
      labels: { type: 'object', additionalProperties: { type: 'string' } },
      services: { type: 'object', additionalProperties: { type: 'object', properties: { image: { type: 'string' } } } },
      free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      template: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } },
    },
  });

  it('drops undeclared fields and reports them as field paths in document order', () => {
    const spec = {
      known: 'k',
      foo: 1,
      items: [{ name: 'a', bar: true }],
      labels: { any: 'thing' },
      services: { DecodeWorker: { image: 'x', subComponentType: 'y' } },
      free: { whatever: { deep: 1 } },
      template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', bogus: 1 }, spec: { containers: [] }, extra: 1 },
    };
    const { object, unknownFields } = validateCustomResource(obj(spec, { topLevel: 1 }), schema, { strict: true });
    expect(unknownFields).toEqual([
      'spec.foo',
      'spec.items[0].bar',
      'spec.services.DecodeWorker.subComponentType',
      'spec.template.metadata.bogus',
      'spec.template.extra',
      'topLevel',
    ]);
    expect(object).toEqual(
      obj({
        known: 'k',
        items: [{ name: 'a' }],
        labels: { any: 'thing' },
        services: { DecodeWorker: { image: 'x' } },
        free: { whatever: { deep: 1 } },
        template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [] } },
      }),
    );
  });

  it('keeps apiVersion, kind and ObjectMeta fields at the root but prunes unknown metadata', () => {
    const input = { apiVersion: 'example.io/v1', kind: 'Widget', metadata: { name: 'w', labels: { a: 'b' }, nope: 1 } };
    const { object, unknownFields } = validateCustomResource(input, root({ type: 'object' }), { strict: false });
    expect(unknownFields).toEqual(['metadata.nope']);
    expect(object).toEqual({ apiVersion: 'example.io/v1', kind: 'Widget', metadata: { name: 'w', labels: { a: 'b' } } });
  });

  it('does not mutate its input', () => {
    const input = obj({ foo: 1 });
    validateCustomResource(input, schema, { strict: true });
    expect(input.spec).toEqual({ foo: 1 });
  });
});

describe('defaulting', () => {
  it.each([
    {
      name: 'missing scalar gets its default',
      spec: { type: 'object', properties: { replicas: { type: 'integer', default: 1 } } } as JSONSchemaPropsLike,
      input: {},
      expected: { replicas: 1 },
    },
    {
      name: 'present value is kept',
      spec: { type: 'object', properties: { replicas: { type: 'integer', default: 1 } } } as JSONSchemaPropsLike,
      input: { replicas: 0 },
      expected: { replicas: 0 },
    },
    {
      name: 'defaults inside every array element (ports[].protocol: TCP)',
      spec: {
        type: 'object',
        properties: { ports: { type: 'array', items: { type: 'object', properties: { containerPort: { type: 'integer' }, protocol: { type: 'string', default: 'TCP' } } } } },
      } as JSONSchemaPropsLike,
      input: { ports: [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }] },
      expected: { ports: [{ containerPort: 80, protocol: 'TCP' }, { containerPort: 53, protocol: 'UDP' }] },
    },
    {
      name: 'a defaulted object receives its nested defaults',
      spec: { type: 'object', properties: { strategy: { type: 'object', default: {}, properties: { type: { type: 'string', default: 'RollingUpdate' } } } } } as JSONSchemaPropsLike,
      input: {},
      expected: { strategy: { type: 'RollingUpdate' } },
    },
    {
      name: 'null on a non-nullable field with a default is defaulted',
      spec: { type: 'object', properties: { mode: { type: 'string', default: 'auto' } } } as JSONSchemaPropsLike,
      input: { mode: null },
      expected: { mode: 'auto' },
    },
    {
      name: 'defaults in map values',
      spec: { type: 'object', properties: { svc: { type: 'object', additionalProperties: { type: 'object', properties: { weight: { type: 'integer', default: 1 } } } } } } as JSONSchemaPropsLike,
      input: { svc: { a: {}, b: { weight: 5 } } },
      expected: { svc: { a: { weight: 1 }, b: { weight: 5 } } },
    },
  ])('$name', ({ spec, input, expected }) => {
    const { object, causes } = validateCustomResource(obj(input), root(spec), { strict: true });
    expect(causes).toEqual([]);
    expect((object as { spec: unknown }).spec).toEqual(expected);
  });

  it('defaults apply before validation (a defaulted required field is satisfied)', () => {
    const schema = root({ type: 'object', required: ['mode'], properties: { mode: { type: 'string', default: 'auto' } } });
    expect(run({}, schema).causes).toEqual([]);
  });
});

describe('status messages', () => {
  it('renders the 422 message kubectl re-prints', () => {
    const causes = [{ reason: 'FieldValueTypeInvalid', field: 'spec.replicas', message: 'Invalid value: "string": spec.replicas in body must be of type integer: "string"' }];
    expect(invalidStatusMessage('Rollout', 'argoproj.io', 'demo', causes)).toBe(
      'Rollout.argoproj.io "demo" is invalid: spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"',
    );
    expect(invalidStatusMessage('Rollout', 'argoproj.io', 'demo', [...causes, { reason: 'FieldValueRequired', field: 'spec.selector', message: 'Required value' }])).toBe(
      'Rollout.argoproj.io "demo" is invalid: [spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string", spec.selector: Required value]',
    );
  });

  it('renders the strict decoding 400 message', () => {
    expect(strictDecodingMessage('Rollout', 'v1alpha1', ['spec.foo', 'spec.bar'])).toBe(
      'Rollout in version "v1alpha1" cannot be handled as a Rollout: strict decoding error: unknown field "spec.foo", unknown field "spec.bar"',
    );
  });
});
