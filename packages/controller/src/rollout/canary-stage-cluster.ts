/**
 * Test support for the canary reconciler's analysis and traffic-routing stages: the blue-green FakeCluster (with
 * AnalysisRuns, templates and recording clients) plus VirtualServices and DestinationRules in ObjectStores, and
 * a RolloutReconciler wired to all of them.
 */
import { type CustomObject, ObjectStore, Resources } from '@serin/kube';
import { BlueGreenCluster, RecordingClient } from '../bluegreen/test-support/harness.js';
import { RolloutReconciler } from './rollout-reconciler.js';

export class CanaryStageCluster extends BlueGreenCluster {
  readonly virtualServices = new ObjectStore<CustomObject>();
  readonly destinationRules = new ObjectStore<CustomObject>();
  readonly virtualServiceClient = new RecordingClient<CustomObject>(Resources.virtualServices, this.virtualServices, this);
  readonly destinationRuleClient = new RecordingClient<CustomObject>(Resources.destinationRules, this.destinationRules, this);

  canaryReconciler(): RolloutReconciler {
    return new RolloutReconciler({
      rollouts: this.rollouts,
      replicaSets: this.replicaSets,
      pods: this.pods,
      rolloutClient: this.rolloutClient,
      replicaSetClient: this.replicaSetClient,
      podClient: this.podClient,
      evicter: this.evicter,
      recorder: this.recorder,
      clock: this.clock,
      analysis: {
        analysisRuns: this.analysisRuns,
        analysisTemplates: this.analysisTemplates,
        clusterAnalysisTemplates: this.clusterAnalysisTemplates,
        analysisRunClient: this.analysisRunClient,
      },
      services: { services: this.services, serviceClient: this.serviceClient },
      trafficRouting: {
        virtualServices: this.virtualServiceClient,
        destinationRules: this.destinationRuleClient,
        virtualServiceLister: this.virtualServices,
        destinationRuleLister: this.destinationRules,
      },
    });
  }

  /** Seed a VirtualService / DestinationRule as `kubectl apply` stores it. */
  seedIstio(kind: 'VirtualService' | 'DestinationRule', name: string, spec: Record<string, unknown>): void {
    const store = kind === 'VirtualService' ? this.virtualServices : this.destinationRules;
    store.upsert({ apiVersion: 'networking.istio.io/v1alpha3', kind, metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: String(this.nextResourceVersion()) }, spec });
  }
}
