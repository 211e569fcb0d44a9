import { describe, expect, it } from 'vitest';
import { CONDITION_MESSAGE } from './conditions.js';
import { analysisRunEventReason, COMPLETED_REASON, EVENT_MESSAGE, metricEventReason } from './events.js';
import { ANALYSIS_PHASE, isAnalysisPhaseCompleted } from './analysis-strings.js';

describe('condition messages render as upstream', () => {
  it.each([
    { name: 'invalid spec', text: CONDITION_MESSAGE.invalidSpec('guestbook', 'spec.strategy: Invalid value'), expected: 'The Rollout "guestbook" is invalid: spec.strategy: Invalid value' },
    { name: 'rs progressing', text: CONDITION_MESSAGE.replicaSetProgressing('guestbook-6c5b9f8f4d'), expected: 'ReplicaSet "guestbook-6c5b9f8f4d" is progressing.' },
    { name: 'new rs created', text: CONDITION_MESSAGE.newReplicaSetCreated('rs-1'), expected: 'Created new replica set "rs-1"' },
    { name: 'rs completed', text: CONDITION_MESSAGE.replicaSetCompleted('rs-1'), expected: 'ReplicaSet "rs-1" has successfully progressed.' },
    { name: 'rollout timed out', text: CONDITION_MESSAGE.rolloutTimedOut('ro'), expected: 'Rollout "ro" has timed out progressing.' },
    { name: 'aborted without reason', text: CONDITION_MESSAGE.aborted(3), expected: 'Rollout aborted update to revision 3' },
    {
      name: 'aborted with reason',
      text: CONDITION_MESSAGE.aborted(3, 'Step-based analysis phase error/failed'),
      expected: 'Rollout aborted update to revision 3: Step-based analysis phase error/failed',
    },
    { name: 'missing field', text: CONDITION_MESSAGE.missingField('spec.selector'), expected: "Rollout has missing field 'spec.selector'" },
    { name: 'analysis run failed', text: CONDITION_MESSAGE.analysisRunFailed('ar', 'ro'), expected: `AnalysisRun 'ar' owned by the Rollout '"ro"' failed.` },
    { name: 'completed all steps', text: COMPLETED_REASON.completedAllCanarySteps(8), expected: 'Completed all 8 canary steps' },
  ])('$name', ({ text, expected }) => {
    expect(text).toBe(expected);
  });

  it.each([
    { phase: ANALYSIS_PHASE.Failed, run: 'AnalysisRunFailed', metric: 'MetricFailed' },
    { phase: ANALYSIS_PHASE.Successful, run: 'AnalysisRunSuccessful', metric: 'MetricSuccessful' },
  ])('event reasons for $phase', ({ phase, run, metric }) => {
    expect(analysisRunEventReason(phase)).toBe(run);
    expect(metricEventReason(phase)).toBe(metric);
  });

  it.each([
    { phase: ANALYSIS_PHASE.Pending, completed: false },
    { phase: ANALYSIS_PHASE.Running, completed: false },
    { phase: ANALYSIS_PHASE.Successful, completed: true },
    { phase: ANALYSIS_PHASE.Failed, completed: true },
    { phase: ANALYSIS_PHASE.Error, completed: true },
    { phase: ANALYSIS_PHASE.Inconclusive, completed: true },
    { phase: undefined, completed: false },
  ])('isAnalysisPhaseCompleted($phase) = $completed', ({ phase, completed }) => {
    expect(isAnalysisPhaseCompleted(phase)).toBe(completed);
  });

  it.each([
    { name: 'step completed', text: EVENT_MESSAGE.rolloutStepCompleted(1, 8, 'setWeight: 20'), expected: 'Rollout step 1/8 completed (setWeight: 20)' },
    { name: 'scaled up', text: EVENT_MESSAGE.scalingReplicaSet('up', 'ro-abc', 2, 0, 1), expected: 'Scaled up ReplicaSet ro-abc (revision 2) from 0 to 1' },
    { name: 'first weight', text: EVENT_MESSAGE.trafficWeightUpdated(20), expected: 'Traffic weight updated to 20' },
    { name: 'weight change', text: EVENT_MESSAGE.trafficWeightUpdated(40, 20), expected: 'Traffic weight updated from 20 to 40' },
    { name: 'switch service from nothing', text: EVENT_MESSAGE.switchService('preview', '', 'abc'), expected: "Switched selector for service 'preview' from '' to 'abc'" },
    {
      name: 'analysis run status',
      text: EVENT_MESSAGE.analysisRunStatusChanged('Step', 'ro-abc-2-1', 'Running'),
      expected: "Step Analysis Run 'ro-abc-2-1' Status New: 'Running' Previous: 'NoPreviousStatus'",
    },
    { name: 'virtual service weight', text: EVENT_MESSAGE.virtualServiceWeight('reviews-vs', 20), expected: "VirtualService `reviews-vs` set to desiredWeight '20'" },
    { name: 'rollout completed', text: EVENT_MESSAGE.rolloutCompleted(2, 'abc', 'Initial deploy'), expected: 'Rollout completed update to revision 2 (abc): Initial deploy' },
  ])('event message: $name', ({ text, expected }) => {
    expect(text).toBe(expected);
  });
});
