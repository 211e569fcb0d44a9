// lint over upstream's own lint testdata; create / create analysisrun.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../test-support/harness.js';

const dir = fileURLToPath(new URL('../test-support/testdata/lint/', import.meta.url));
const files = (name: string) => ({ [name]: readFileSync(dir + name, 'utf8') });

describe('lint (upstream lint_test.go)', () => {
  it.each([
    'valid.yml', 'valid.json', 'valid-workload-ref.yaml', 'valid-with-another-empty-object.yml', 'valid-istio-v1alpha3.yml', 'valid-istio-v1beta1.yml',
    'valid-blue-green.yml', 'valid-ingress-smi.yml', 'valid-ingress-smi-multi.yml', 'valid-alb-canary.yml', 'valid-nginx-canary.yml',
    'valid-nginx-basic-canary.yml', 'valid-istio-v1beta1-mulitiple-virtualsvcs.yml', 'valid-nginx-smi-with-vsvc.yaml',
  ])('%s is valid: no output, exit 0', async (name) => {
    const r = await runCli(['lint', '-f', name], { files: files(name) });
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it.each([
    { file: 'invalid.yml', err: 'Error: spec.strategy.maxSurge: Invalid value: 0: MaxSurge and MaxUnavailable both can not be zero\n' },
    { file: 'invalid-empty-rollout-vsvc.yml', err: "Error: spec.selector: Required value: Rollout has missing field '.spec.selector'\n" },
    { file: 'invalid.json', err: 'Error: spec.strategy.maxSurge: Invalid value: 0: MaxSurge and MaxUnavailable both can not be zero\n' },
    { file: 'invalid-multiple-docs.yml', err: 'Error: spec.strategy.maxSurge: Invalid value: 0: MaxSurge and MaxUnavailable both can not be zero\n' },
    { file: 'invalid-unknown-field.yml', err: 'Error: error unmarshaling JSON: while decoding JSON: json: unknown field "unknown-strategy"\n' },
    { file: 'invalid-service-labels.yml', err: 'Error: spec.strategy.canary.canaryService: Invalid value: "istio-host-split-canary": Service "istio-host-split-canary" has unmatch label "app" in rollout\n' },
    { file: 'invalid-ping-pong.yml', err: 'Error: spec.strategy.canary.pingPong.pingService: Invalid value: "ping-service": Service "ping-service" has unmatch label "app" in rollout\n' },
    { file: 'invalid-ingress-smi-multi.yml', err: 'Error: spec.strategy.canary.canaryService: Invalid value: "rollout-smi-experiment-canary": Service "rollout-smi-experiment-canary" has unmatch label "app" in rollout\n' },
    { file: 'invalid-nginx-canary.yml', err: 'Error: spec.strategy.steps[1].experiment.templates[0].weight: Invalid value: 20: Experiment template weight is only available for TrafficRouting with SMI, ALB, Istio and Plugins at this time\n' },
  ])('$file', async ({ file, err }) => {
    const r = await runCli(['lint', '-f', file], { files: files(file) });
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 1, stderr: err });
  });

  it('no -f is a usage error', async () => {
    const r = await runCli(['lint']);
    expect(r.code).toBe(1);
    expect(r.stderr.startsWith('Usage:\n  kubectl-argo-rollouts lint [flags]')).toBe(true);
  });
});

const template = `apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: pass
spec:
  args:
  - name: foo
  metrics:
  - name: m
    provider:
      job: {spec: {template: {spec: {containers: [{name: c, image: alpine}], restartPolicy: Never}}}}
`;

describe('create', () => {
  it.each([
    { kind: 'Rollout', out: 'rollout.argoproj.io/x created\n' },
    { kind: 'Experiment', out: 'experiment.argoproj.io/x created\n' },
    { kind: 'AnalysisTemplate', out: 'analysistemplate.argoproj.io/x created\n' },
    { kind: 'ClusterAnalysisTemplate', out: 'analysistemplate.argoproj.io/x created\n' },
    { kind: 'AnalysisRun', out: 'analysisrun.argoproj.io/x created\n' },
  ])('$kind', async ({ kind, out }) => {
    const r = await runCli(['create', '-f', 'f.yaml'], { files: { 'f.yaml': `apiVersion: argoproj.io/v1alpha1\nkind: ${kind}\nmetadata:\n  name: x\nspec: {}\n` } });
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 0, stdout: out, stderr: '' });
  });
  it.each([
    { name: 'unsupported kind', argv: ['create', '-f', 'svc.yaml'], err: 'Error: creates of /Service unsupported\n' },
    { name: 'watch several files', argv: ['create', '-f', 'svc.yaml', '-f', 'svc.yaml', '-w'], err: 'Error: Cannot watch multiple resources\n' },
    { name: 'watch a template', argv: ['create', '-f', 't.yaml', '-w'], err: 'Error: Can only watch resources of type Rollout or Experiment\n' },
  ])('$name', async ({ argv, err }) => {
    const r = await runCli(argv, { files: { 'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n', 't.yaml': template } });
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 1, stderr: err });
  });
});

describe('create analysisrun', () => {
  it('from a template in the cluster with an argument, generateName from the template', async () => {
    const r = await runCli(['create', 'analysisrun', '--from', 'pass', '-a', 'foo=bar'], { files: { 't.yaml': template }, objects: [] });
    expect(r.stderr).toBe('Error: analysistemplates.argoproj.io "pass" not found\n');
    const f = await runCli(['create', 'ar', '--from-file', 't.yaml', '-a', 'foo=bar'], { files: { 't.yaml': template } });
    expect(f.code).toBe(0);
    expect(f.stdout).toMatch(/^analysisrun\.argoproj\.io\/pass-\S+ created\n$/);
    const post = JSON.parse(f.cluster.requests.find((q) => q.verb === 'POST')?.body ?? '{}');
    expect(post.metadata.generateName).toBe('pass-');
    expect(post.spec.args).toEqual([{ name: 'foo', value: 'bar' }]);
  });
  it.each([
    { argv: ['create', 'ar'], err: 'Error: one of --from or --from-file must be specified\n' },
    { argv: ['create', 'ar', '--from-file', 't.yaml', '-a', 'foo'], err: 'Error: arguments must be in the form NAME=VALUE\n' },
    { argv: ['create', 'ar', '--from-file', 't.yaml'], err: 'Error: args.foo was not resolved\n' },
  ])('$argv', async ({ argv, err }) => {
    const r = await runCli(argv, { files: { 't.yaml': template } });
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 1, stderr: err });
  });
});
