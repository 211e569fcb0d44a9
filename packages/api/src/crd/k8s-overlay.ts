/**
 * What Kubernetes model metadata does not say but a CRD schema must: list/map merge types and keys, CRD
 * defaults, quantity patterns, and the spots Argo's CRDs leave unpruned (`x-kubernetes-preserve-unknown-fields`).
 * Keys are `Model.attribute` (client-node model names, JSON attribute names). The values are Kubernetes API
 * facts (the `+listType`/`+listMapKey`/`+mapType`/`+default` markers of k8s.io/api v0.34) as they appear in
 * argo-rollouts manifests/crds/*.yaml.
 */
import type { JSONSchemaProps } from './schema.js';

export interface AttributeOverlay {
  /** Merged into the attribute's schema. */
  merge?: JSONSchemaProps;
  /** Merged into an array attribute's `items`. */
  items?: JSONSchemaProps;
  /** Replaces the schema of a map attribute's values (`additionalProperties`). */
  values?: JSONSchemaProps;
  /** Replaces named sub-properties of an object attribute. */
  properties?: Record<string, JSONSchemaProps>;
  /** Replaces the attribute's schema. */
  replace?: JSONSchemaProps;
}

export const ATOMIC_LISTS: readonly string[] = [
  'V1Capabilities.add',
  'V1Capabilities.drop',
  'V1Container.args',
  'V1Container.command',
  'V1Container.envFrom',
  'V1Container.resizePolicy',
  'V1Container.restartPolicyRules',
  'V1EphemeralContainer.args',
  'V1EphemeralContainer.command',
  'V1EphemeralContainer.envFrom',
  'V1EphemeralContainer.resizePolicy',
  'V1EphemeralContainer.restartPolicyRules',
  'V1ExecAction.command',
  'V1HTTPGetAction.httpHeaders',
  'V1HostAlias.hostnames',
  'V1LabelSelector.matchExpressions',
  'V1LabelSelectorRequirement.values',
  'V1NodeAffinity.preferredDuringSchedulingIgnoredDuringExecution',
  'V1NodeSelector.nodeSelectorTerms',
  'V1NodeSelectorRequirement.values',
  'V1NodeSelectorTerm.matchExpressions',
  'V1NodeSelectorTerm.matchFields',
  'V1PodAffinity.preferredDuringSchedulingIgnoredDuringExecution',
  'V1PodAffinity.requiredDuringSchedulingIgnoredDuringExecution',
  'V1PodAffinityTerm.matchLabelKeys',
  'V1PodAffinityTerm.mismatchLabelKeys',
  'V1PodAffinityTerm.namespaces',
  'V1PodAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution',
  'V1PodAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution',
  'V1PodDNSConfig.nameservers',
  'V1PodDNSConfig.options',
  'V1PodDNSConfig.searches',
  'V1PodFailurePolicy.rules',
  'V1PodFailurePolicyRule.onPodConditions',
  'V1PodSecurityContext.supplementalGroups',
  'V1PodSecurityContext.sysctls',
  'V1PodSpec.readinessGates',
  'V1PodSpec.tolerations',
  'V1SuccessPolicy.rules',
  'V1TopologySpreadConstraint.matchLabelKeys',
];
export const SET_LISTS: readonly string[] = [
  'V1ContainerRestartRuleOnExitCodes.values',
  'V1PodFailurePolicyOnExitCodesRequirement.values',
];
export const ATOMIC_MAPS: readonly string[] = [
  'V1EnvFromSource.configMapRef',
  'V1EnvFromSource.secretRef',
  'V1EnvVarSource.configMapKeyRef',
  'V1EnvVarSource.fieldRef',
  'V1EnvVarSource.fileKeyRef',
  'V1EnvVarSource.resourceFieldRef',
  'V1EnvVarSource.secretKeyRef',
  'V1JobSpec.selector',
  'V1NodeAffinity.requiredDuringSchedulingIgnoredDuringExecution',
  'V1PodAffinityTerm.labelSelector',
  'V1PodAffinityTerm.namespaceSelector',
  'V1PodSpec.nodeSelector',
  'V1PreferredSchedulingTerm.preference',
  'V1TopologySpreadConstraint.labelSelector',
];
export const ATOMIC_ITEMS: readonly string[] = [
  'V1NodeSelector.nodeSelectorTerms',
  'V1PodSpec.imagePullSecrets',
];
export const MAP_LISTS: Readonly<Record<string, string[]>> = {
  'V1Container.env': ['name'],
  'V1Container.ports': ['containerPort', 'protocol'],
  'V1Container.volumeDevices': ['devicePath'],
  'V1Container.volumeMounts': ['mountPath'],
  'V1EphemeralContainer.env': ['name'],
  'V1EphemeralContainer.ports': ['containerPort', 'protocol'],
  'V1EphemeralContainer.volumeDevices': ['devicePath'],
  'V1EphemeralContainer.volumeMounts': ['mountPath'],
  'V1PodSpec.containers': ['name'],
  'V1PodSpec.ephemeralContainers': ['name'],
  'V1PodSpec.hostAliases': ['ip'],
  'V1PodSpec.imagePullSecrets': ['name'],
  'V1PodSpec.initContainers': ['name'],
  'V1PodSpec.resourceClaims': ['name'],
  'V1PodSpec.schedulingGates': ['name'],
  'V1PodSpec.topologySpreadConstraints': ['topologyKey', 'whenUnsatisfiable'],
  'V1ResourceRequirements.claims': ['name'],
};
export const FIELD_DEFAULTS: Readonly<Record<string, string | boolean>> = {
  'V1ConfigMapEnvSource.name': '',
  'V1ConfigMapKeySelector.name': '',
  'V1ContainerPort.protocol': 'TCP',
  'V1FileKeySelector.optional': false,
  'V1GRPCAction.service': '',
  'V1LocalObjectReference.name': '',
  'V1SecretEnvSource.name': '',
  'V1SecretKeySelector.name': '',
};

/** `resource.Quantity`: an int or a string such as `500m`, `1Gi`. */
export const QUANTITY: JSONSchemaProps = {
  anyOf: [{ type: 'integer' }, { type: 'string' }],
  pattern: '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$',
  'x-kubernetes-int-or-string': true,
};

const PRESERVE_UNKNOWN: JSONSchemaProps = { 'x-kubernetes-preserve-unknown-fields': true };

/** Container resource limits/requests are kept as sent (Argo strips their quantity schema). */
const CONTAINER_RESOURCES: AttributeOverlay = {
  properties: { limits: PRESERVE_UNKNOWN, requests: PRESERVE_UNKNOWN },
};

/** Pod-template metadata as Argo's CRDs declare it: only labels and annotations survive pruning. */
export const TEMPLATE_METADATA: JSONSchemaProps = {
  type: 'object',
  properties: {
    annotations: { type: 'object', additionalProperties: { type: 'string' } },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
  },
};

function buildAttributeOverlays(): Record<string, AttributeOverlay> {
  const overlays: Record<string, AttributeOverlay> = {};
  const at = (key: string): AttributeOverlay => (overlays[key] ??= {});
  const merge = (key: string, extra: JSONSchemaProps): void => {
    const overlay = at(key);
    overlay.merge = { ...overlay.merge, ...extra };
  };
  for (const key of ATOMIC_LISTS) merge(key, { 'x-kubernetes-list-type': 'atomic' });
  for (const key of SET_LISTS) merge(key, { 'x-kubernetes-list-type': 'set' });
  for (const [key, mapKeys] of Object.entries(MAP_LISTS)) {
    merge(key, { 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': mapKeys });
  }
  for (const key of ATOMIC_MAPS) merge(key, { 'x-kubernetes-map-type': 'atomic' });
  for (const key of ATOMIC_ITEMS) at(key).items = { 'x-kubernetes-map-type': 'atomic' };
  for (const [key, value] of Object.entries(FIELD_DEFAULTS)) merge(key, { default: value });

  at('V1ResourceFieldSelector.divisor').replace = QUANTITY;
  at('V1PodSpec.overhead').values = QUANTITY;
  at('V1ResourceRequirements.limits').values = QUANTITY;
  at('V1ResourceRequirements.requests').values = QUANTITY;
  Object.assign(at('V1Container.resources'), CONTAINER_RESOURCES);
  Object.assign(at('V1EphemeralContainer.resources'), CONTAINER_RESOURCES);
  at('V1PodSpec.volumes').replace = PRESERVE_UNKNOWN;
  at('V1PodTemplateSpec.metadata').replace = TEMPLATE_METADATA;
  return overlays;
}

export const K8S_OVERLAY: {
  attributes: Readonly<Record<string, AttributeOverlay>>;
  models: Readonly<Record<string, JSONSchemaProps>>;
} = {
  attributes: buildAttributeOverlays(),
  models: {},
};
