import type { JsonObject, KubeObject, ResourceType } from '../types.js';
import { isRecord } from '../types.js';

/**
 * Built-in defaulting the API server applies on every create and update (k8s.io/kubernetes pkg/apis/<group>/v1
 * defaults.go), for the kinds Serin and its users write. Stored objects then look as on a real cluster, which
 * matters to anything comparing a ReplicaSet's template with the template it was created from.
 * parity: kubernetes pkg/apis/core/v1/defaults.go, apps/v1/defaults.go, batch/v1/defaults.go (values, not code)
 */
export function applyBuiltinDefaulting(t: ResourceType, obj: KubeObject): void {
  if (t.crd !== undefined) return;
  const spec = isRecord(obj['spec']) ? obj['spec'] : undefined;
  switch (`${t.group}/${t.kind}`) {
    case '/Pod':
      if (spec !== undefined) defaultPodSpec(spec, true);
      break;
    case 'apps/ReplicaSet':
      if (spec !== undefined) {
        spec['replicas'] ??= 1;
        defaultTemplate(spec);
      }
      break;
    case 'apps/StatefulSet':
    case 'apps/DaemonSet':
      if (spec !== undefined) defaultTemplate(spec);
      break;
    case 'apps/Deployment':
      if (spec !== undefined) defaultDeployment(spec);
      break;
    case 'batch/Job':
      if (spec !== undefined) defaultJob(spec);
      break;
    case '/Service':
      if (spec !== undefined) defaultService(spec);
      break;
  }
}

function defaultTemplate(spec: JsonObject): void {
  const template = isRecord(spec['template']) ? spec['template'] : undefined;
  if (template === undefined) return;
  template['metadata'] ??= {};
  if (isRecord(template['spec'])) defaultPodSpec(template['spec'], false);
}

/** `imagePullPolicy`: Always for `:latest` or untagged images, IfNotPresent otherwise (digests included). */
export function defaultPullPolicy(image: unknown): string {
  if (typeof image !== 'string') return 'IfNotPresent';
  if (image.includes('@')) return 'IfNotPresent';
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const tag = lastSegment.includes(':') ? lastSegment.slice(lastSegment.indexOf(':') + 1) : '';
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultContainer(c: JsonObject): void {
  c['terminationMessagePath'] ??= '/dev/termination-log';
  c['terminationMessagePolicy'] ??= 'File';
  c['imagePullPolicy'] ??= defaultPullPolicy(c['image']);
  c['resources'] ??= {};
  if (Array.isArray(c['ports'])) for (const p of c['ports']) if (isRecord(p)) p['protocol'] ??= 'TCP';
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const pr = c[probe];
    if (!isRecord(pr)) continue;
    pr['timeoutSeconds'] ??= 1;
    pr['periodSeconds'] ??= 10;
    pr['successThreshold'] ??= 1;
    pr['failureThreshold'] ??= 3;
    if (isRecord(pr['httpGet'])) pr['httpGet']['scheme'] ??= 'HTTP';
    if (isRecord(pr['httpGet'])) pr['httpGet']['path'] ??= '/';
  }
  if (Array.isArray(c['env'])) {
    for (const e of c['env']) {
      if (!isRecord(e) || !isRecord(e['valueFrom'])) continue;
      const fieldRef = e['valueFrom']['fieldRef'];
      if (isRecord(fieldRef)) fieldRef['apiVersion'] ??= 'v1';
    }
  }
}

/** PodSpec defaults; a Pod (not a template) also gets its service account, priority and service links. */
export function defaultPodSpec(spec: JsonObject, isPod: boolean): void {
  spec['restartPolicy'] ??= 'Always';
  spec['terminationGracePeriodSeconds'] ??= 30;
  spec['dnsPolicy'] ??= 'ClusterFirst';
  spec['securityContext'] ??= {};
  spec['schedulerName'] ??= 'default-scheduler';
  for (const list of ['containers', 'initContainers']) {
    const containers = spec[list];
    if (Array.isArray(containers)) for (const c of containers) if (isRecord(c)) defaultContainer(c);
  }
  if (isPod) {
    spec['serviceAccountName'] ??= 'default';
    spec['serviceAccount'] ??= spec['serviceAccountName'];
    spec['priority'] ??= 0;
    spec['enableServiceLinks'] ??= true;
    spec['preemptionPolicy'] ??= 'PreemptLowerPriority';
  }
}

function defaultDeployment(spec: JsonObject): void {
  spec['replicas'] ??= 1;
  spec['revisionHistoryLimit'] ??= 10;
  spec['progressDeadlineSeconds'] ??= 600;
  const strategy = isRecord(spec['strategy']) ? spec['strategy'] : (spec['strategy'] = {});
  strategy['type'] ??= 'RollingUpdate';
  if (strategy['type'] === 'RollingUpdate') {
    const ru = isRecord(strategy['rollingUpdate']) ? strategy['rollingUpdate'] : (strategy['rollingUpdate'] = {});
    ru['maxSurge'] ??= '25%';
    ru['maxUnavailable'] ??= '25%';
  }
  defaultTemplate(spec);
}

function defaultJob(spec: JsonObject): void {
  spec['parallelism'] ??= 1;
  spec['completions'] ??= 1;
  spec['backoffLimit'] ??= 6;
  spec['completionMode'] ??= 'NonIndexed';
  spec['suspend'] ??= false;
  spec['podReplacementPolicy'] ??= 'TerminatingOrFailed';
  defaultTemplate(spec);
}

/**
 * Job selector generation (create only): unless `manualSelector`, the server labels the template with the Job's
 * uid and name and selects on the uid.
 */
export function generateJobSelector(obj: KubeObject): void {
  const spec = isRecord(obj['spec']) ? obj['spec'] : undefined;
  if (spec === undefined || spec['manualSelector'] === true) return;
  const uid = obj.metadata.uid ?? '';
  const name = obj.metadata.name ?? '';
  const template = isRecord(spec['template']) ? spec['template'] : (spec['template'] = {});
  const meta = isRecord(template['metadata']) ? template['metadata'] : (template['metadata'] = {});
  const labels = isRecord(meta['labels']) ? meta['labels'] : (meta['labels'] = {});
  Object.assign(labels, { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': name, 'controller-uid': uid, 'job-name': name });
  spec['selector'] = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
}

function defaultService(spec: JsonObject): void {
  spec['type'] ??= 'ClusterIP';
  spec['sessionAffinity'] ??= 'None';
  if (spec['type'] === 'ExternalName') return;
  spec['internalTrafficPolicy'] ??= 'Cluster';
  spec['ipFamilies'] ??= ['IPv4'];
  spec['ipFamilyPolicy'] ??= 'SingleStack';
  if (Array.isArray(spec['ports'])) {
    for (const p of spec['ports']) {
      if (!isRecord(p)) continue;
      p['protocol'] ??= 'TCP';
      p['targetPort'] ??= p['port'];
    }
  }
}

/**
 * Pod QoS class: Guaranteed when every container sets cpu and memory limits and its requests (defaulting to the
 * limits) equal them; BestEffort when no container sets any request or limit; Burstable otherwise.
 */
export function podQosClass(spec: JsonObject): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers = (Array.isArray(spec['containers']) ? spec['containers'] : []).filter(isRecord);
  let any = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const resources = isRecord(c['resources']) ? c['resources'] : {};
    const limits = isRecord(resources['limits']) ? resources['limits'] : {};
    const requests = isRecord(resources['requests']) ? resources['requests'] : {};
    if (Object.keys(limits).length > 0 || Object.keys(requests).length > 0) any = true;
    for (const r of ['cpu', 'memory']) {
      const limit = limits[r];
      const request = requests[r] ?? limit;
      if (limit === undefined || String(request) !== String(limit)) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/**
 * Values the server allocated that an update may omit: a Service keeps its cluster IPs and node ports when the
 * new spec leaves them empty (kubectl replace of a manifest without them).
 * parity: kubernetes pkg/registry/core/service/storage patchAllocatedValues (behaviour)
 */
export function carryAllocatedValues(t: ResourceType, current: KubeObject, next: KubeObject): void {
  if (t.group !== '' || t.kind !== 'Service') return;
  const before = isRecord(current['spec']) ? current['spec'] : {};
  const after = isRecord(next['spec']) ? next['spec'] : undefined;
  if (after === undefined || after['type'] === 'ExternalName') return;
  if ((after['clusterIP'] === undefined || after['clusterIP'] === '') && before['clusterIP'] !== undefined) {
    after['clusterIP'] = before['clusterIP'];
    if (before['clusterIPs'] !== undefined) after['clusterIPs'] = before['clusterIPs'];
  }
  const oldPorts = Array.isArray(before['ports']) ? before['ports'].filter(isRecord) : [];
  const newPorts = Array.isArray(after['ports']) ? after['ports'].filter(isRecord) : [];
  for (const p of newPorts) {
    if (p['nodePort'] !== undefined) continue;
    const same = oldPorts.find((o) => o['port'] === p['port'] && (o['protocol'] ?? 'TCP') === (p['protocol'] ?? 'TCP'));
    if (same?.['nodePort'] !== undefined && after['type'] !== 'ClusterIP') p['nodePort'] = same['nodePort'];
  }
}
