/**
 * The ReplicaSet and optional Service of an experiment template.
 * parity: argo-rollouts experiments/replicaset.go newReplicaSetFromTemplate, isReplicaSetSemanticallyEqual;
 *         experiments/service.go CreateService; experiments/experiment.go createTemplateService (ports)
 */
import type { V1OwnerReference, V1ReplicaSet, V1Service, V1ServicePort } from '@kubernetes/client-node';
import type { Experiment, TemplateSpec } from '@serin/api';
import { ANNOTATION, LABEL } from '@serin/api';
import { computePodTemplateHash } from '../hash/pod-template-hash.js';

/** Controller ownerReference to the Experiment. */
export function experimentControllerRef(ex: Experiment): V1OwnerReference {
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'Experiment', name: ex.metadata?.name ?? '', uid: ex.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true };
}

/** `<experiment>-<template>`. */
export const templateReplicaSetName = (ex: Experiment, template: Pick<TemplateSpec, 'name'>): string => `${ex.metadata?.name ?? ''}-${template.name}`;

/** Pod-template hash of a template: computed without any existing hash label, with the template's collision count. */
export function templatePodHash(template: TemplateSpec, collisionCount: number | undefined): string {
  const podTemplate = structuredClone(template.template);
  if (podTemplate.metadata?.labels !== undefined) delete podTemplate.metadata.labels[LABEL.PodTemplateHash];
  return computePodTemplateHash(podTemplate, collisionCount);
}

/**
 * `<experiment>-<template>` with 0 replicas: labels = pod-template labels + hash, selector = template selector + hash,
 * annotations `experiment.argoproj.io/name` / `…/template-name`, minReadySeconds, controller ref to the Experiment.
 */
export function buildTemplateReplicaSet(ex: Experiment, template: TemplateSpec, collisionCount: number | undefined): V1ReplicaSet {
  const hash = templatePodHash(template, collisionCount);
  const podTemplate = structuredClone(template.template);
  const labels = { ...(podTemplate.metadata?.labels ?? {}), [LABEL.PodTemplateHash]: hash };
  podTemplate.metadata = { ...(podTemplate.metadata ?? {}), labels };
  const selector = structuredClone(template.selector);
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [LABEL.PodTemplateHash]: hash };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: templateReplicaSetName(ex, template),
      namespace: ex.metadata?.namespace ?? '',
      labels: { ...labels },
      annotations: { [ANNOTATION.ExperimentName]: ex.metadata?.name ?? '', [ANNOTATION.ExperimentTemplateName]: template.name },
      ownerReferences: [experimentControllerRef(ex)],
    },
    spec: {
      replicas: 0,
      ...(template.minReadySeconds === undefined ? {} : { minReadySeconds: template.minReadySeconds }),
      selector,
      template: podTemplate,
    },
  };
}

/** Service ports from every container port (protocol, port = targetPort = containerPort, name when set). */
export function templateServicePorts(rs: V1ReplicaSet): V1ServicePort[] {
  return (rs.spec?.template?.spec?.containers ?? []).flatMap((c) =>
    (c.ports ?? []).map((p) => ({ ...(p.name === undefined ? {} : { name: p.name }), protocol: p.protocol ?? 'TCP', port: p.containerPort, targetPort: p.containerPort as unknown as V1ServicePort['targetPort'] })),
  );
}

/** The template Service: `service.name` or the RS name, selector = the RS labels, experiment annotations. */
export function buildTemplateService(ex: Experiment, template: TemplateSpec, rs: V1ReplicaSet): V1Service | undefined {
  const ports = templateServicePorts(rs);
  if (ports.length === 0) return undefined;
  const name = template.service?.name !== undefined && template.service.name !== '' ? template.service.name : rs.metadata?.name ?? '';
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name,
      namespace: ex.metadata?.namespace ?? '',
      annotations: { [ANNOTATION.ExperimentName]: ex.metadata?.name ?? '', [ANNOTATION.ExperimentTemplateName]: template.name },
      ownerReferences: [experimentControllerRef(ex)],
    },
    spec: { selector: { ...(rs.metadata?.labels ?? {}) }, ports },
  };
}
