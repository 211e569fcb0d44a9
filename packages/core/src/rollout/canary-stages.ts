/**
 * What the traffic-routing and analysis stages of one canary reconcile leave for the status sync and the step
 * completion check (see canary-traffic.ts, canary-analysis.ts). Empty when a stage did not run.
 */
import type { AnalysisRun, TrafficWeights } from '@serin/api';

export interface CanaryStages {
  /** `status.canary.weights` after routing: a value to persist, `null` to clear, undefined to keep the stored one. */
  trafficWeights?: TrafficWeights | null;
  /** Set once the analysis stage ran. */
  analysis?: {
    readonly stepRun: AnalysisRun | undefined;
    readonly backgroundRun: AnalysisRun | undefined;
    /** The runs were all cancelled (abort, promotion, rollback): the stored run statuses stay as they are. */
    readonly keepStored: boolean;
  };
}
