/**
 * Schema of the Experiment kind.
 * parity: argo-rollouts manifests/crds/experiment-crd.yaml
 */
import type {
  Experiment,
  ExperimentAnalysisRunStatus,
  ExperimentAnalysisTemplateRef,
  ExperimentCondition,
  ExperimentSpec,
  ExperimentStatus,
  TemplateSpec,
  TemplateStatus,
} from '../types/experiment.js';
import { arrayOf, boolean, dateTime, int32, type JSONSchemaProps, object, string } from './schema.js';
import {
  analysisRunMetadata,
  atomicSelector,
  dryRun,
  type K8sSchemas,
  measurementRetention,
  templateArgs,
  templateService,
} from './shared-schemas.js';

const experimentStatus = (): JSONSchemaProps =>
  object<ExperimentStatus>({
    phase: string(),
    message: string(),
    templateStatuses: arrayOf(
      object<TemplateStatus>(
        {
          name: string(),
          replicas: int32(),
          updatedReplicas: int32(),
          readyReplicas: int32(),
          availableReplicas: int32(),
          collisionCount: int32(),
          status: string(),
          message: string(),
          lastTransitionTime: dateTime(),
          serviceName: string(),
          podTemplateHash: string(),
        },
        ['availableReplicas', 'name', 'readyReplicas', 'replicas', 'updatedReplicas'],
      ),
    ),
    availableAt: dateTime(),
    conditions: arrayOf(
      object<ExperimentCondition>(
        {
          type: string(),
          status: string(),
          lastUpdateTime: dateTime(),
          lastTransitionTime: dateTime(),
          reason: string(),
          message: string(),
        },
        ['lastTransitionTime', 'lastUpdateTime', 'message', 'reason', 'status', 'type'],
      ),
    ),
    analysisRuns: arrayOf(
      object<ExperimentAnalysisRunStatus>(
        { name: string(), analysisRun: string(), phase: string(), message: string() },
        ['analysisRun', 'name', 'phase'],
      ),
    ),
  });

/** `openAPIV3Schema` of the Experiment CRD. */
export const experimentSchema = (k8s: K8sSchemas): JSONSchemaProps =>
  object<Experiment>(
    {
      apiVersion: string(),
      kind: string(),
      metadata: { type: 'object' },
      spec: object<ExperimentSpec>(
        {
          templates: arrayOf(
            object<TemplateSpec>(
              {
                name: string(),
                replicas: int32(),
                minReadySeconds: int32(),
                selector: atomicSelector(k8s),
                template: k8s.podTemplateSpec,
                service: templateService(),
              },
              ['name', 'selector', 'template'],
            ),
          ),
          duration: string(),
          progressDeadlineSeconds: int32(),
          terminate: boolean(),
          analyses: arrayOf(
            object<ExperimentAnalysisTemplateRef>(
              {
                name: string(),
                templateName: string(),
                clusterScope: boolean(),
                args: templateArgs(),
                requiredForCompletion: boolean(),
              },
              ['name', 'templateName'],
            ),
          ),
          scaleDownDelaySeconds: int32(),
          dryRun: dryRun(),
          measurementRetention: measurementRetention(),
          analysisRunMetadata: analysisRunMetadata(),
        },
        ['templates'],
      ),
      status: experimentStatus(),
    },
    ['spec'],
  );
