// lint: referenced Ingresses and VirtualServices, and which Rollout validates a shared object.
// parity: argo-rollouts cmd/lint/lint.go, pkg/apis/rollouts/validation/validation_references.go
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../test-support/harness.js';
import { readText } from '../actions/files.js';
import { UserError } from '../actions/context.js';

const rollout = (name: string, label: string, strategy: string) => `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: ${name}
spec:
  selector:
    matchLabels:
      app: ${label}
  template:
    metadata:
      labels:
        app: ${label}
    spec:
      containers:
      - name: c
        image: nginx
  strategy:
${strategy}
`;

const service = (name: string, app: string) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector:
    app: ${app}
`;

/** Exported from a cluster, a managed Ingress carries the controller's managed-by annotation. */
const managedBy = (ro: string | undefined) => (ro === undefined ? '' : `  annotations:\n    argo-rollouts.argoproj.io/managed-by-rollouts: ${ro}\n`);

const ingressV1 = (name: string, svc: string, owner?: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}
${managedBy(owner)}spec:
  rules:
  - http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: ${svc}
            port:
              number: 80
`;

const ingressV1beta1 = (name: string, svc: string, owner?: string) => `apiVersion: extensions/v1beta1
kind: Ingress
metadata:
  name: ${name}
${managedBy(owner)}spec:
  rules:
  - http:
      paths:
      - path: /
        backend:
          serviceName: ${svc}
          servicePort: 80
`;

const virtualService = (name: string, hosts: string[]) => `apiVersion: networking.istio.io/v1beta1
kind: VirtualService
metadata:
  name: ${name}
spec:
  hosts: [app]
  http:
  - name: primary
    route:
${hosts.map((h) => `    - destination:\n        host: ${h}\n      weight: 50`).join('\n')}
`;

const nginxCanary = (ingress: string) => `    canary:
      canaryService: canary-svc
      stableService: stable-svc
      trafficRouting:
        nginx:
          ${ingress}
      steps:
      - setWeight: 10`;

const albCanary = `    canary:
      canaryService: canary-svc
      stableService: stable-svc
      trafficRouting:
        alb:
          ingresses: [alb-a, alb-b]
          rootService: root-svc
          servicePort: 80
      steps:
      - setWeight: 10`;

const istioCanary = `    canary:
      canaryService: canary-svc
      stableService: stable-svc
      trafficRouting:
        istio:
          virtualService:
            name: vs
            routes: [primary]
      steps:
      - setWeight: 10`;

const blueGreen = (active: string) => `    blueGreen:
      activeService: ${active}`;

const doc = (...parts: string[]) => parts.join('---\n');

async function lint(text: string) {
  const r = await runCli(['lint', '-f', 'f.yaml'], { files: { 'f.yaml': text } });
  return { code: r.code, stdout: r.stdout, stderr: r.stderr };
}

describe('lint validates the Ingresses a Rollout references or that name it as manager (ValidateIngress)', () => {
  it.each([
    {
      name: 'nginx stableIngress without a stable-service rule',
      text: doc(rollout('ro', 'app', nginxCanary('stableIngress: ing')), ingressV1('ing', 'other-svc', 'ro')),
      line: 'spec.strategy.canary.trafficRouting.nginx.stableIngress: Invalid value: "ing": ingress `ing` has no rules using service stable-svc backend',
    },
    {
      name: 'nginx stableIngresses names the ingress itself (extensions/v1beta1 serviceName)',
      text: doc(rollout('ro', 'app', nginxCanary('stableIngresses: [ing2]')), ingressV1beta1('ing2', 'other-svc', 'ro')),
      line: 'spec.strategy.canary.trafficRouting.nginx.stableIngresses: Invalid value: "ing2": ingress `ing2` has no rules using service stable-svc backend',
    },
    {
      name: 'ALB ingresses are checked against rootService',
      text: doc(rollout('ro', 'app', albCanary), ingressV1('alb-a', 'root-svc'), ingressV1('alb-b', 'stable-svc', 'ro')),
      line: 'spec.strategy.canary.trafficRouting.alb.ingresses: Invalid value: "alb-b": ingress `alb-b` has no rules using service root-svc backend',
    },
  ])('$name', async ({ text, line }) => {
    expect(await lint(text)).toEqual({ code: 1, stdout: `${line.replace(/^[^:]+: /, '')}\n`, stderr: `Error: ${line}\n` });
  });

  it('an unannotated ingress joins a Rollout only when it routes to its service, so it never fails the check', async () => {
    expect(await lint(doc(rollout('ro', 'app', nginxCanary('stableIngress: ing')), ingressV1('ing', 'other-svc')))).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('an ingress with the stable backend is valid', async () => {
    expect(await lint(doc(rollout('ro', 'app', nginxCanary('stableIngress: ing')), ingressV1('ing', 'stable-svc')))).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('lint validates the VirtualServices a Rollout references (ValidateVirtualService)', () => {
  it('a managed route without the canary destination is an error', async () => {
    const r = await lint(doc(rollout('ro', 'app', istioCanary), virtualService('vs', ['stable-svc'])));
    const line = 'spec.strategy.canary.trafficRouting.istio.virtualService.name: Invalid value: "vs": Istio VirtualService has invalid HTTP routes. Error: Canary Service \'canary-svc\' not found in route';
    expect(r).toEqual({ code: 1, stdout: `${line.replace(/^[^:]+: /, '')}\n`, stderr: `Error: ${line}\n` });
  });

  it('both destinations present: valid', async () => {
    expect(await lint(doc(rollout('ro', 'app', istioCanary), virtualService('vs', ['stable-svc', 'canary-svc'])))).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('upstream stops stamping VirtualServices at the first Rollout without Istio, so later Rollouts skip the check', async () => {
    const text = doc(rollout('bg', 'bg', blueGreen('active')), rollout('ro', 'app', istioCanary), virtualService('vs', ['stable-svc']));
    expect(await lint(text)).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('lint: a Service referenced by several Rollouts belongs to the last one', () => {
  it('only the last referencing Rollout validates the selector', async () => {
    const text = doc(rollout('a', 'a', blueGreen('shared')), rollout('b', 'b', blueGreen('shared')), service('shared', 'b'));
    expect(await lint(text)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('… and reports its own mismatch', async () => {
    const text = doc(rollout('a', 'a', blueGreen('shared')), rollout('b', 'b', blueGreen('shared')), service('shared', 'a'));
    const line = 'spec.strategy.blueGreen.activeService: Invalid value: "shared": Service "shared" has unmatch label "app" in rollout';
    expect(await lint(text)).toEqual({ code: 1, stdout: `${line.replace(/^[^:]+: /, '')}\n`, stderr: `Error: ${line}\n` });
  });
});

describe('lint strict decoding (yaml.UnmarshalStrict into the validated kinds only)', () => {
  const unknownField = (f: string) => ({ code: 1, stdout: '', stderr: `Error: error unmarshaling JSON: while decoding JSON: json: unknown field "${f}"\n` });
  const base = rollout('ro', 'app', blueGreen('active'));
  const canaryWith = (extra: string) => rollout('ro', 'app', `    canary:\n${extra}\n      steps:\n      - setWeight: 10`);

  it.each([
    {
      name: 'other kinds decode into Unstructured: any top-level field is fine',
      text: doc(base, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: b\n', 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: rb\nroleRef:\n  kind: Role\n  name: r\nsubjects: []\n'),
      out: { code: 0, stdout: '', stderr: '' },
    },
    { name: 'an unknown canary field', text: canaryWith('      stepz: []'), out: unknownField('stepz') },
    { name: 'an unknown field in a canary step', text: rollout('ro', 'app', '    canary:\n      steps:\n      - setWieght: 10'), out: unknownField('setWieght') },
    { name: 'an unknown blue-green field', text: rollout('ro', 'app', '    blueGreen:\n      activeService: a\n      autoPromote: true'), out: unknownField('autoPromote') },
    { name: 'an unknown metadata field', text: base.replace('  name: ro\n', '  name: ro\n  label:\n    a: b\n'), out: unknownField('label') },
    {
      name: 'keys are read in sorted order, depth first: spec.strategy… before spec.zzz',
      text: canaryWith('      foo: 1').replace('spec:\n', 'spec:\n  zzz: 1\n'),
      out: unknownField('foo'),
    },
    { name: 'a Service is strict too', text: doc(base, `${service('active', 'app')}extra: 1\n`), out: unknownField('extra') },
    { name: 'Go matches field names case-insensitively', text: canaryWith('      CanaryService: ""'), out: { code: 0, stdout: '', stderr: '' } },
  ])('$name', async ({ text, out }) => {
    expect(await lint(text)).toEqual(out);
  });
});

describe('lint: every document first decodes into an Unstructured', () => {
  const prefix = 'Error: error unmarshaling JSON: while decoding JSON: ';
  it.each([
    { name: 'a document without kind', text: 'apiVersion: v1\nmetadata:\n  name: x\nb: "<&>"\n', err: `${prefix}Object 'Kind' is missing in '{"apiVersion":"v1","b":"\\u003c\\u0026\\u003e","metadata":{"name":"x"}}'\n` },
    { name: 'an empty kind', text: 'kind: ""\n', err: `${prefix}Object 'Kind' is missing in '{"kind":""}'\n` },
    { name: 'a scalar document', text: 'just text\n', err: `${prefix}json: cannot unmarshal string into Go value of type map[string]interface {}\n` },
    { name: 'a list document', text: '- a\n- b\n', err: `${prefix}json: cannot unmarshal array into Go value of type map[string]interface {}\n` },
  ])('$name', async ({ text, err }) => {
    expect(await lint(text)).toEqual({ code: 1, stdout: '', stderr: err });
  });

  it('empty documents are skipped', async () => {
    expect(await lint(`---\n${rollout('ro', 'app', blueGreen('a'))}---\n---\n`)).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('reading the file (os.ReadFile errors)', () => {
  it.each([
    { name: 'missing file', path: () => '/nonexistent/f.yaml', err: (p: string) => `open ${p}: no such file or directory` },
    { name: 'a directory', path: () => tmpdir(), err: (p: string) => `read ${p}: is a directory` },
    { name: 'a path through a file', path: () => `${fileURLToPath(import.meta.url)}/x.yaml`, err: (p: string) => `open ${p}: not a directory` },
  ])('$name', async ({ path, err }) => {
    const p = path();
    await expect(readText(p)).rejects.toThrow(new UserError(err(p)));
  });
});

describe('lint strict decoding: values of the wrong JSON kind (encoding/json UnmarshalTypeError)', () => {
  const typeError = (what: string, field: string, type: string) => ({
    code: 1,
    stdout: '',
    stderr: `Error: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${what} into Go struct field ${field} of type ${type}\n`,
  });
  const canaryRollout = (steps: string) => rollout('ro', 'app', `    canary:\n      steps:\n${steps}`);

  it.each([
    { name: 'a quoted replica count', text: rollout('ro', 'app', blueGreen('a')).replace('spec:\n', 'spec:\n  replicas: "3"\n'), out: typeError('string', 'RolloutSpec.spec.replicas', 'int32') },
    { name: 'a quoted step weight', text: canaryRollout('      - setWeight: "10"'), out: typeError('string', 'CanaryStep.spec.strategy.canary.steps.setWeight', 'int32') },
    { name: 'a fractional step weight', text: canaryRollout('      - setWeight: 12.5'), out: typeError('number 12.5', 'CanaryStep.spec.strategy.canary.steps.setWeight', 'int32') },
    { name: 'steps given as a map', text: canaryRollout('        setWeight: 10'), out: typeError('object', 'CanaryStrategy.spec.strategy.canary.steps', '[]v1alpha1.CanaryStep') },
    { name: 'a quoted boolean', text: rollout('ro', 'app', blueGreen('a')).replace('spec:\n', 'spec:\n  paused: "true"\n'), out: typeError('string', 'RolloutSpec.spec.paused', 'bool') },
    { name: 'YAML 1.1 yes is a boolean', text: rollout('ro', 'app', blueGreen('a')).replace('spec:\n', 'spec:\n  paused: yes\n'), out: { code: 0, stdout: '', stderr: '' } },
    { name: 'a numeric metadata name', text: rollout('ro', 'app', blueGreen('a')).replace('  name: ro\n', '  name: 5\n'), out: typeError('number', 'ObjectMeta.metadata.name', 'string') },
    {
      name: 'the first error in sorted order wins: spec.replicas before spec.zzz',
      text: rollout('ro', 'app', blueGreen('a')).replace('spec:\n', 'spec:\n  zzz: 1\n  replicas: "3"\n'),
      out: typeError('string', 'RolloutSpec.spec.replicas', 'int32'),
    },
  ])('$name', async ({ text, out }) => {
    expect(await lint(text)).toEqual(out);
  });
});

describe('lint reads YAML as go-yaml v2 does (YAML 1.1 scalars, no base-60, timestamps as strings)', () => {
  const withLabel = (value: string) => rollout('ro', 'app', blueGreen('a')).replace('  name: ro\n', `  name: ro\n  labels:\n    x: ${value}\n`);
  it.each([
    { name: 'an unquoted yes label is a bool, which a label map refuses', value: 'yes', out: { code: 1, stdout: '', stderr: 'Error: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string\n' } },
    { name: 'on as well', value: 'on', out: { code: 1, stdout: '', stderr: 'Error: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string\n' } },
    { name: 'a quoted "yes" is a string', value: '"yes"', out: { code: 0, stdout: '', stderr: '' } },
    { name: '1:20 is not a base-60 number', value: '1:20', out: { code: 0, stdout: '', stderr: '' } },
    { name: 'a date stays a string', value: '2001-12-14', out: { code: 0, stdout: '', stderr: '' } },
  ])('$name', async ({ value, out }) => {
    expect(await lint(withLabel(value))).toEqual(out);
  });

  it('matchLabels in the selector are a string map too', async () => {
    const text = rollout('ro', 'app', blueGreen('a')).replace('    matchLabels:\n      app: app\n', '    matchLabels:\n      app: app\n      n: 5\n');
    expect(await lint(text)).toEqual({ code: 1, stdout: '', stderr: 'Error: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number into Go struct field LabelSelector.spec.selector.matchLabels of type string\n' });
  });
});
