import type { Rollout } from '@serin/api';
import { ObjectStore, RequestCounter } from '@serin/kube';
import { describe, expect, it } from 'vitest';
import { ControllerMetrics, InfoGauges, ReconcileKind } from './metrics.js';

const guestbook = {
  metadata: { namespace: 'default', name: 'guestbook-bluegreen' },
  spec: { replicas: 1, strategy: { blueGreen: { activeService: 'active' } }, template: {} },
  status: { replicas: 1, availableReplicas: 1, updatedReplicas: 1, conditions: [{ type: 'Progressing', status: 'True', reason: 'Progressing', message: '' }] },
} as unknown as Rollout;

function scraped(): { metrics: ControllerMetrics; rollouts: ObjectStore<Rollout> } {
  const metrics = new ControllerMetrics({ version: 'v1.2.3+serin', processMetrics: false });
  const rollouts = new ObjectStore<Rollout>();
  metrics.setListers({ rollouts });
  return { metrics, rollouts };
}

describe('ControllerMetrics exposition', () => {
  it('matches upstream rollout_test.go for a blue-green rollout (HELP, TYPE, labels, value)', async () => {
    const { metrics, rollouts } = scraped();
    rollouts.upsert(guestbook);
    const text = await metrics.text();
    expect(text).toContain(
      [
        '# HELP rollout_info Information about rollout.',
        '# TYPE rollout_info gauge',
        'rollout_info{namespace="default",name="guestbook-bluegreen",strategy="blueGreen",traffic_router="",phase="Progressing"} 1',
      ].join('\n'),
    );
    expect(text).toContain(
      ['# HELP rollout_info_replicas_available The number of available replicas per rollout.', '# TYPE rollout_info_replicas_available gauge', 'rollout_info_replicas_available{namespace="default",name="guestbook-bluegreen"} 1'].join('\n'),
    );
  });

  it.each([
    ...Object.entries(InfoGauges).map(([name, d]) => ({ name, help: d.help, type: 'gauge' })),
    { name: 'rollout_reconcile', help: 'Rollout reconciliation performance.', type: 'histogram' },
    { name: 'rollout_reconcile_error', help: 'Error occurring during the rollout', type: 'counter' },
    { name: 'analysis_run_reconcile', help: 'Analysis Run reconciliation performance.', type: 'histogram' },
    { name: 'analysis_run_reconcile_error', help: 'Error occurring during the analysis run', type: 'counter' },
    { name: 'experiment_reconcile', help: 'Experiments reconciliation performance.', type: 'histogram' },
    { name: 'experiment_reconcile_error', help: 'Error occurring during the experiment', type: 'counter' },
    { name: 'rollout_events_total', help: 'Count of rollout events', type: 'counter' },
    { name: 'controller_clientset_k8s_request_total', help: 'Number of kubernetes requests executed during application reconciliation.', type: 'counter' },
    { name: 'argo_rollouts_controller_info', help: 'Running Argo-rollouts version', type: 'gauge' },
  ])('declares $name with upstream HELP text', async ({ name, help, type }) => {
    const text = await scraped().metrics.text();
    expect(text).toContain(`# HELP ${name} ${help}\n# TYPE ${name} ${type}\n`);
  });

  it('argo_rollouts_controller_info carries the version', async () => {
    expect(await scraped().metrics.text()).toContain('argo_rollouts_controller_info{version="v1.2.3+serin"} 1');
  });

  it('gauges follow the cache at scrape time: a removed rollout disappears', async () => {
    const { metrics, rollouts } = scraped();
    rollouts.upsert(guestbook);
    expect(await metrics.text()).toContain('name="guestbook-bluegreen"');
    rollouts.remove(guestbook);
    expect(await metrics.text()).not.toContain('name="guestbook-bluegreen"');
  });

  it('rollout_reconcile uses buckets 0.01, 0.15, 0.25, 0.5, 1 and counts errors separately', async () => {
    const { metrics } = scraped();
    metrics.observeReconcile(ReconcileKind.Rollout, 'default', 'web', 0.02);
    metrics.observeReconcile(ReconcileKind.Rollout, 'default', 'web', 0.3);
    metrics.incReconcileError(ReconcileKind.Rollout, 'default', 'web');
    const text = await metrics.text();
    const buckets = [...text.matchAll(/^rollout_reconcile_bucket\{le="([^"]+)",namespace="default",name="web"\} (\d+)$/gm)].map((m) => [m[1], Number(m[2])]);
    expect(buckets).toEqual([
      ['0.01', 0],
      ['0.15', 1],
      ['0.25', 1],
      ['0.5', 2],
      ['1', 2],
      ['+Inf', 2],
    ]);
    expect(text).toContain('rollout_reconcile_count{namespace="default",name="web"} 2');
    expect(text).toContain('rollout_reconcile_error{namespace="default",name="web"} 1');
    metrics.remove(ReconcileKind.Rollout, 'default', 'web');
    expect(await metrics.text()).not.toContain('name="web"');
  });

  it('counts events by namespace, name, type and reason', async () => {
    const { metrics } = scraped();
    const e = { kind: 'Rollout', namespace: 'default', name: 'web', type: 'Normal', reason: 'RolloutUpdated', message: 'x' } as const;
    metrics.recordEvent(e);
    metrics.recordEvent(e);
    expect(await metrics.text()).toContain('rollout_events_total{namespace="default",name="web",type="Normal",reason="RolloutUpdated"} 2');
  });

  it('counts only Rollout events (an Experiment or AnalysisRun event of the same name is not a rollout event)', async () => {
    const { metrics } = scraped();
    metrics.recordEvent({ kind: 'Experiment', namespace: 'default', name: 'web', type: 'Normal', reason: 'ExperimentRunning', message: 'x' });
    metrics.recordEvent({ kind: 'AnalysisRun', namespace: 'default', name: 'web', type: 'Warning', reason: 'AnalysisRunFailed', message: 'x' });
    expect(await metrics.text()).not.toContain('rollout_events_total{');
  });

  // parity: argo-rollouts controller/metrics/metrics.go Remove (MetricRolloutEventsTotal.DeletePartialMatch)
  it.each([
    { name: 'a removed Rollout drops all its event series', kind: ReconcileKind.Rollout, webKept: false },
    { name: 'removing an Experiment of the same name keeps them (upstream deletes events only for Rollouts)', kind: ReconcileKind.Experiment, webKept: true },
  ])('$name', async ({ kind, webKept }) => {
    const { metrics } = scraped();
    const web = { kind: 'Rollout', namespace: 'default', name: 'web', message: 'x' } as const;
    metrics.recordEvent({ ...web, type: 'Normal', reason: 'RolloutUpdated' });
    metrics.recordEvent({ ...web, type: 'Warning', reason: 'RolloutAborted' });
    metrics.recordEvent({ ...web, namespace: 'other', type: 'Normal', reason: 'RolloutUpdated' });
    metrics.remove(kind, 'default', 'web');
    const lines = (await metrics.text()).split('\n').filter((l) => l.startsWith('rollout_events_total{'));
    expect(lines.filter((l) => l.includes('namespace="default",name="web"'))).toHaveLength(webKept ? 2 : 0);
    expect(lines).toContain('rollout_events_total{namespace="other",name="web",type="Normal",reason="RolloutUpdated"} 1');
  });

  // parity: argo-rollouts controller/metrics/prommetrics.go MetricNotification{SuccessTotal,FailedTotal,Send}, metrics.go Remove
  it('notification metrics: names, help, labels; series dropped with the object', async () => {
    const { metrics } = scraped();
    metrics.recordNotification({ namespace: 'default', name: 'web', type: 'Normal', reason: 'RolloutCompleted', seconds: 0.2, ok: true });
    metrics.recordNotification({ namespace: 'default', name: 'web', type: 'Warning', reason: 'RolloutAborted', seconds: 0.02, ok: false });
    let text = await metrics.text();
    expect(text).toContain('# HELP notification_send_success Notification send success.\n# TYPE notification_send_success counter\nnotification_send_success{namespace="default",name="web",type="Normal",reason="RolloutCompleted"} 1');
    expect(text).toContain('# HELP notification_send_error Error sending the notification\n# TYPE notification_send_error counter\nnotification_send_error{namespace="default",name="web",type="Warning",reason="RolloutAborted"} 1');
    expect(text).toContain('# HELP notification_send Notification send performance.\n# TYPE notification_send histogram');
    expect(text).toContain('notification_send_bucket{le="0.15",namespace="default",name="web"} 1');
    expect(text).toContain('notification_send_bucket{le="0.25",namespace="default",name="web"} 2');
    metrics.remove(ReconcileKind.AnalysisRun, 'default', 'web');
    text = await metrics.text();
    expect(text).not.toMatch(/^notification_send\w*\{[^}]*name="web"/m);
  });

  it('mirrors the kube request counter, including requests made before binding', async () => {
    const { metrics } = scraped();
    const counter = new RequestCounter();
    counter.record({ kind: 'rollouts', namespace: '', name: 'N/A', verb: 'List' }, 200);
    metrics.bindRequestCounter(counter);
    counter.record({ kind: 'rollouts', namespace: 'default', name: 'web', verb: 'Patch' }, 200);
    counter.record({ kind: 'rollouts', namespace: 'default', name: 'web', verb: 'Patch' }, 200);
    const text = await metrics.text();
    expect(text).toContain('controller_clientset_k8s_request_total{kind="rollouts",namespace="",name="N/A",verb="List",status_code="200"} 1');
    expect(text).toContain('controller_clientset_k8s_request_total{kind="rollouts",namespace="default",name="web",verb="Patch",status_code="200"} 2');
  });

  it('includes process metrics unless disabled', async () => {
    const withProcess = new ControllerMetrics({ version: 'v1' });
    expect(await withProcess.text()).toContain('process_resident_memory_bytes');
    expect(await scraped().metrics.text()).not.toContain('process_resident_memory_bytes');
  });

  it('reports workqueue_depth per registered queue and work durations in client-go buckets', async () => {
    const { metrics } = scraped();
    let depth = 3;
    metrics.registerQueue({ name: 'Rollouts', len: () => depth });
    metrics.observeWork('Rollouts', 0.002);
    let text = await metrics.text();
    expect(text).toContain('# HELP workqueue_depth Current depth of workqueue\n# TYPE workqueue_depth gauge\nworkqueue_depth{name="Rollouts"} 3');
    expect(text).toContain('workqueue_work_duration_seconds_bucket{le="0.001",name="Rollouts"} 0');
    expect(text).toContain('workqueue_work_duration_seconds_bucket{le="0.01",name="Rollouts"} 1');
    expect(text).toContain('workqueue_work_duration_seconds_bucket{le="1e-8",name="Rollouts"} 0');
    depth = 0;
    text = await metrics.text();
    expect(text).toContain('workqueue_depth{name="Rollouts"} 0');
  });

  // parity: k8s.io/component-base/metrics/prometheus/workqueue (registered by argo-rollouts controller/metrics/metrics.go)
  it('reports workqueue_adds_total and workqueue_retries_total from the queue counts, as counters', async () => {
    const { metrics } = scraped();
    let counts = { adds: 0, retries: 0 };
    metrics.registerQueue({ name: 'Rollouts', len: () => 0, metrics: () => counts });
    metrics.registerQueue({ name: 'Plain', len: () => 0 });
    let text = await metrics.text();
    expect(text).toContain('# HELP workqueue_adds_total Total number of adds handled by workqueue\n# TYPE workqueue_adds_total counter\nworkqueue_adds_total{name="Rollouts"} 0');
    expect(text).toContain('# HELP workqueue_retries_total Total number of retries handled by workqueue\n# TYPE workqueue_retries_total counter\nworkqueue_retries_total{name="Rollouts"} 0');
    counts = { adds: 7, retries: 2 };
    text = await metrics.text();
    expect(text).toContain('workqueue_adds_total{name="Rollouts"} 7');
    expect(text).toContain('workqueue_retries_total{name="Rollouts"} 2');
    expect(text).not.toContain('name="Plain"} 7');
    expect(text.match(/^workqueue_adds_total\{/gm)).toHaveLength(1);
  });

  it.each([
    { name: 'finished with a manual pause', duration: { rolloutStartedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:10:00Z', totalManualPauseDurationSeconds: 120, completionStatus: 'Completed' }, expected: { total: 600, progression: 480, manual: 120, status: 'Completed' } },
    { name: 'aborted, no manual pause', duration: { rolloutStartedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:00:45Z', completionStatus: 'Aborted' }, expected: { total: 45, progression: 45, manual: 0, status: 'Aborted' } },
  ])('rollout duration histograms: $name', async ({ duration, expected }) => {
    const { metrics } = scraped();
    metrics.emitRolloutDuration(duration as never);
    const text = await metrics.text();
    expect(text).toContain(`rollout_duration_seconds_sum{status="${expected.status}"} ${expected.total}`);
    expect(text).toContain(`rollout_progression_duration_seconds_sum{status="${expected.status}"} ${expected.progression}`);
    expect(text).toContain(`rollout_manual_pause_duration_seconds_sum{status="${expected.status}"} ${expected.manual}`);
    expect(text).toContain('# HELP rollout_duration_seconds Total wall-clock time for a rollout from start to completion/abort/supersede');
  });

  it.each([
    { name: 'not finished', duration: { rolloutStartedAt: '2026-01-01T00:00:00Z', completionStatus: 'Completed' } },
    { name: 'no completion status', duration: { rolloutStartedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:01:00Z' } },
    { name: 'absent', duration: undefined },
  ])('rollout duration histograms: nothing when $name', async ({ duration }) => {
    const { metrics } = scraped();
    metrics.emitRolloutDuration(duration as never);
    expect(await metrics.text()).not.toMatch(/^rollout_duration_seconds_count/m);
  });
});
