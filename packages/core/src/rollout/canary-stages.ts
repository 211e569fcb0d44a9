/**
 * What the traffic-routing and analysis stages of one canary reconcile leave for the status sync and the step
 * completion check (see canary-traffic.ts, canary-analysis.ts). Empty when a stage did not run.
 */
import type { AnalysisRun, TrafficWeights, WeightDestination } from '@serin/api';

export interface CanaryStages {
  /** `status.canary.weights` after routing: a value to persist, `null` to clear, undefined to keep the stored one. */
  trafficWeights?: TrafficWeights | null;
  /** Set once the analysis stage ran. */
  analysis?: {
    readonly stepRun: AnalysisRun | undefined;
    readonly backgroundRun: AnalysisRun | undefined;
  };
  /** Weighted templates of the Running step Experiment, routed as additional destinations (canary-experiment.ts). */
  experimentDestinations?: readonly WeightDestination[];
  /** Set once the experiment stage ran (canary-experiment.ts). */
  experiment?: {
    /** `status.canary.currentExperiment` (undefined: removed). */
    readonly currentExperiment?: string;
    /** The experiment step's Experiment is Successful. */
    readonly stepCompleted: boolean;
  };
}
