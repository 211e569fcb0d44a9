/**
 * Analysis template references as spec validation reports them (InvalidSpec), against upstream's messages from
 * rollout/analysis_test.go (TestInvalidSpecMissingClusterTemplatesBackgroundAnalysis, TestFailCreate*) and
 * pkg/apis/rollouts/validation/validation_references_test.go (TestValidateAnalysisTemplate[s]WithType).
 */
import { type AnalysisTemplate, type AnalysisTemplateSpec, type CanaryStep, type ClusterAnalysisTemplate, type Metric, type Rollout, formatFieldError } from '@serin/api';
import { describe, expect, it } from 'vitest';
import { validateRolloutAnalysisReferences } from './rollout-references.js';
import type { TemplateLookup } from './templates.js';

const metric = (name: string, extra: Partial<Metric> = {}): Metric => ({ name, provider: { web: { url: `http://${name}` } }, ...extra });

function lookupOf(templates: Record<string, AnalysisTemplateSpec>, clusterTemplates: Record<string, AnalysisTemplateSpec> = {}): TemplateLookup {
  return {
    analysisTemplate: (ns, name) => {
      const spec = templates[name];
      return ns === 'default' && spec !== undefined ? ({ metadata: { name, namespace: ns }, spec } as AnalysisTemplate) : undefined;
    },
    clusterAnalysisTemplate: (name) => {
      const spec = clusterTemplates[name];
      return spec === undefined ? undefined : ({ metadata: { name }, spec } as ClusterAnalysisTemplate);
    },
  };
}

function canary(steps: CanaryStep[], background?: NonNullable<NonNullable<Rollout['spec']['strategy']>['canary']>['analysis']): Rollout {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name: 'foo', namespace: 'default' },
    spec: { selector: { matchLabels: { app: 'foo' } }, strategy: { canary: { steps, ...(background === undefined ? {} : { analysis: background }) } } },
  };
}

const messages = (rollout: Rollout, lookup: TemplateLookup): string[] => validateRolloutAnalysisReferences(rollout, lookup).map(formatFieldError);
const stepRef = (...names: string[]): CanaryStep => ({ analysis: { templates: names.map((templateName) => ({ templateName })) } });
const DUPLICATED: AnalysisTemplateSpec = { metrics: [metric('example'), metric('example')] };

describe('validateRolloutAnalysisReferences', () => {
  it.each([
    {
      name: 'missing cluster template (background)',
      rollout: canary([], { templates: [{ templateName: 'missing', clusterScope: true }] }),
      lookup: lookupOf({}),
      expected: [`spec.strategy.canary.analysis.templates: Invalid value: "missing": ClusterAnalysisTemplate 'missing' not found`],
    },
    {
      name: 'missing template (step)',
      rollout: canary([{ setWeight: 10 }, stepRef('nope')]),
      lookup: lookupOf({}),
      expected: [`spec.strategy.canary.steps[1].analysis.templates: Invalid value: "nope": AnalysisTemplate 'nope' not found`],
    },
    {
      name: 'missing template referenced from a template',
      rollout: canary([stepRef('outer')]),
      lookup: lookupOf({ outer: { metrics: [metric('m')], templates: [{ templateName: 'inner' }] } }),
      expected: [`spec.templates: Invalid value: "inner": AnalysisTemplate 'inner' not found`],
    },
    {
      name: 'duplicate metric in a step template',
      rollout: canary([stepRef('bad-template')]),
      lookup: lookupOf({ 'bad-template': DUPLICATED }),
      expected: [`spec.strategy.canary.steps[0].analysis.templates: Invalid value: "templateNames: [bad-template]": two metrics have the same name 'example'`],
    },
    {
      name: 'duplicate metrics across background templates',
      rollout: canary([{ setWeight: 10 }], { templates: [{ templateName: 'bad-template' }, { templateName: 'bad-template-2' }] }),
      lookup: lookupOf({ 'bad-template': DUPLICATED, 'bad-template-2': DUPLICATED }),
      expected: [`spec.strategy.canary.analysis.templates: Invalid value: "templateNames: [bad-template bad-template-2]": two metrics have the same name 'example'`],
    },
    {
      name: 'a template argument nobody supplies (namespaced then cluster template names)',
      rollout: canary([{ analysis: { templates: [{ templateName: 'analysis-template-name' }, { templateName: 'cluster-analysis-template-name', clusterScope: true }] } }]),
      lookup: lookupOf({ 'analysis-template-name': { metrics: [metric('metric1-name')], args: [{ name: 'invalid' }] } }, { 'cluster-analysis-template-name': { metrics: [metric('metric2-name')] } }),
      expected: [`spec.strategy.canary.steps[0].analysis.templates: Invalid value: "templateNames: [analysis-template-name cluster-analysis-template-name]": args.invalid was not resolved`],
    },
    {
      name: "another analysis step's measurementRetention clashing with the template's",
      rollout: canary([stepRef('t'), { analysis: { templates: [{ templateName: 't' }], measurementRetention: [{ metricName: 'example', limit: 2 }] } }]),
      lookup: lookupOf({ t: { metrics: [metric('example')], measurementRetention: [{ metricName: 'example', limit: 5 }] } }),
      expected: [
        `spec.strategy.canary.steps[0].analysis.templates: Invalid value: "templateNames: [t]": two Measurement Retention metric rules have the same name 'example'`,
        `spec.strategy.canary.steps[1].analysis.templates: Invalid value: "templateNames: [t]": two Measurement Retention metric rules have the same name 'example'`,
      ],
    },
    {
      name: 'a step metric that runs indefinitely (count 0 with an interval)',
      rollout: canary([stepRef('t')]),
      lookup: lookupOf({ t: { metrics: [metric('metric2-name', { count: 0, interval: '1m' })] } }),
      expected: [`spec.strategy.canary.steps[0].analysis.templates: Invalid value: "t": AnalysisTemplate t has metric metric2-name which runs indefinitely. Invalid value for count: 0`],
    },
    {
      name: 'a step metric without count but with an interval',
      rollout: canary([stepRef('t')]),
      lookup: lookupOf({ t: { metrics: [metric('m', { interval: '1m' })] } }),
      expected: [`spec.strategy.canary.steps[0].analysis.templates: Invalid value: "t": AnalysisTemplate t has metric m which runs indefinitely. Invalid value for count: <nil>`],
    },
    {
      name: 'a step template arg with both value and valueFrom',
      rollout: canary([stepRef('t')]),
      lookup: lookupOf({ t: { metrics: [metric('m')], args: [{ name: 'secret', value: 'v', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] } }),
      expected: [`spec.strategy.canary.steps[0].analysis.templates: Invalid value: "t": AnalysisTemplate t: arg 'secret' has both Value and ValueFrom fields`],
    },
    {
      name: 'a background template arg and no rollout args at all',
      rollout: canary([], { templates: [{ templateName: 't' }] }),
      lookup: lookupOf({ t: { metrics: [metric('m')], args: [{ name: 'service-name', value: 'x' }, { name: 'second' }] } }),
      expected: [`spec.strategy.canary.analysis.templates: Invalid value: "templateNames: [t]": args.second was not resolved`],
    },
  ])('$name', ({ rollout, lookup, expected }) => {
    expect(messages(rollout, lookup)).toEqual(expected);
  });

  it.each([
    { name: 'a background metric may run indefinitely', rollout: canary([], { templates: [{ templateName: 't' }] }), lookup: lookupOf({ t: { metrics: [metric('m', { count: 0, interval: '1m' })] } }) },
    {
      name: 'a step template arg supplied by the step',
      rollout: canary([{ analysis: { templates: [{ templateName: 't' }], args: [{ name: 'valid', value: 'true' }] } }]),
      lookup: lookupOf({ t: { metrics: [metric('m', { successCondition: 'result == "{{args.valid}}"' })], args: [{ name: 'valid' }] } }),
    },
    {
      name: 'a secret arg (valueFrom) resolves to a placeholder',
      rollout: canary([stepRef('t')]),
      lookup: lookupOf({ t: { metrics: [metric('m', { provider: { web: { url: 'http://x/{{args.token}}' } } })], args: [{ name: 'token', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] } }),
    },
  ])('valid: $name', ({ rollout, lookup }) => {
    expect(messages(rollout, lookup)).toEqual([]);
  });
});
