import { describe, expect, it } from 'vitest';
import { parseGoFile } from '../../scripts/go-struct-parser.js';
import { GO_STRUCTS } from './go-types.generated.js';

const jsonNames = (type: string): string[] => (GO_STRUCTS[type] ?? []).map(([json]) => json);

describe('generated Go struct table (k8s.io/api v0.34.5)', () => {
  it('orders Container fields as corev1 declares them (argo-compat §9.1)', () => {
    expect(jsonNames('core/v1.Container')).toEqual([
      'name', 'image', 'command', 'args', 'workingDir', 'ports', 'envFrom', 'env', 'resources', 'resizePolicy',
      'restartPolicy', 'restartPolicyRules', 'volumeMounts', 'volumeDevices', 'livenessProbe', 'readinessProbe',
      'startupProbe', 'lifecycle', 'terminationMessagePath', 'terminationMessagePolicy', 'imagePullPolicy',
      'securityContext', 'stdin', 'stdinOnce', 'tty',
    ]);
  });

  it('orders ContainerPort and the start of PodSpec as documented', () => {
    expect(jsonNames('core/v1.ContainerPort')).toEqual(['name', 'hostPort', 'containerPort', 'protocol', 'hostIP']);
    expect(jsonNames('core/v1.PodSpec').slice(0, 8)).toEqual([
      'volumes', 'initContainers', 'containers', 'ephemeralContainers', 'restartPolicy',
      'terminationGracePeriodSeconds', 'activeDeadlineSeconds', 'dnsPolicy',
    ]);
  });

  it('records the omitempty/omitzero/pointer facts the hash depends on', () => {
    const field = (type: string, json: string) => GO_STRUCTS[type]?.find(([name]) => name === json);
    expect(field('core/v1.Container', 'resources')).toEqual(['resources', 'core/v1.ResourceRequirements', true, false]);
    expect(field('core/v1.PodSpec', 'containers')).toEqual(['containers', '[]core/v1.Container', false, false]);
    expect(field('meta/v1.ObjectMeta', 'creationTimestamp')).toEqual(['creationTimestamp', 'time', true, true]);
    expect(field('core/v1.PodSpec', 'securityContext')).toEqual(['securityContext', '*core/v1.PodSecurityContext', true, false]);
    expect(field('core/v1.ResourceRequirements', 'limits')).toEqual(['limits', 'map[]quantity', true, false]);
  });

  it('promotes embedded structs in place (Probe → ProbeHandler, Volume → VolumeSource)', () => {
    expect(jsonNames('core/v1.Probe').slice(0, 5)).toEqual(['exec', 'httpGet', 'tcpSocket', 'grpc', 'initialDelaySeconds']);
    expect(jsonNames('core/v1.Volume').slice(0, 3)).toEqual(['name', 'hostPath', 'emptyDir']);
    expect(jsonNames('core/v1.EphemeralContainer').at(-1)).toBe('targetContainerName');
  });

  it('references only types that are in the table or built in', () => {
    const builtin = new Set(['string', 'bool', 'int', 'float', 'bytes', 'quantity', 'intOrString', 'time', 'microTime', 'duration', 'rawJson']);
    for (const fields of Object.values(GO_STRUCTS)) {
      for (const [, type] of fields) {
        const base = type.replace(/^(\*|\[\]|map\[\])+/, '');
        expect(builtin.has(base) || base in GO_STRUCTS, `${type}`).toBe(true);
      }
    }
  });
});

describe('parseGoFile (generator front end)', () => {
  const source = [
    '/* licence',
    '*/',
    'package v1',
    'import (',
    '\tmetav1 "k8s.io/apimachinery/pkg/apis/meta/v1"',
    '\t"k8s.io/apimachinery/pkg/util/intstr"',
    ')',
    '// Probe doc // with slashes',
    'type Probe struct {',
    '\t// +optional',
    '\tProbeHandler `json:",inline" protobuf:"bytes,1,opt,name=handler"`',
    '\tPort intstr.IntOrString `json:"port" protobuf:"bytes,2,opt,name=port"` // trailing comment',
    '\tSelector *metav1.LabelSelector `json:"selector,omitempty"`',
    '\tinternal string',
    '\tSkipped string `json:"-"`',
    '}',
    'type Protocol string',
    'type ResourceList map[ResourceName]resource.Quantity',
    'type Empty struct{}',
  ].join('\n');
  const file = parseGoFile('k8s.io/api/core/v1', source);

  it('reads struct fields with tags, embedded fields and import aliases', () => {
    expect(file.structs.get('Probe')).toEqual([
      { goName: 'ProbeHandler', typeExpr: 'ProbeHandler', embedded: true, jsonTag: ',inline' },
      { goName: 'Port', typeExpr: 'intstr.IntOrString', embedded: false, jsonTag: 'port' },
      { goName: 'Selector', typeExpr: '*metav1.LabelSelector', embedded: false, jsonTag: 'selector,omitempty' },
      { goName: 'internal', typeExpr: 'string', embedded: false, jsonTag: undefined },
      { goName: 'Skipped', typeExpr: 'string', embedded: false, jsonTag: '-' },
    ]);
    expect(file.structs.get('Empty')).toEqual([]);
    expect(file.imports.get('metav1')).toBe('k8s.io/apimachinery/pkg/apis/meta/v1');
    expect(file.imports.get('intstr')).toBe('k8s.io/apimachinery/pkg/util/intstr');
  });

  it('reads named non-struct types', () => {
    expect(file.named.get('Protocol')).toBe('string');
    expect(file.named.get('ResourceList')).toBe('map[ResourceName]resource.Quantity');
  });
});
