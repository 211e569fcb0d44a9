// Kubernetes API-server defaults for a pod template (what a ReplicaSet's stored template carries but a
// Rollout's `spec.template` may not). parity: kubernetes pkg/apis/core/v1 defaults.go + zz_generated.defaults.go
// (SetObjectDefaults_PodTemplate, k8s 1.34), used by argo-rollouts utils/replicaset PodTemplateEqualIgnoreHash.
//
// PodSpec: dnsPolicy ClusterFirst, restartPolicy Always, securityContext {}, terminationGracePeriodSeconds 30,
//   schedulerName default-scheduler. (enableServiceLinks and requests-from-limits are Pod-only: not applied.)
// Container (init, regular, ephemeral): imagePullPolicy Always for a `:latest` or untagged undigested image,
//   else IfNotPresent; terminationMessagePath /dev/termination-log; terminationMessagePolicy File;
//   ports[].protocol TCP; env fieldRef.apiVersion v1; fileKeyRef.optional false; probes timeoutSeconds 1,
//   periodSeconds 10, successThreshold 1, failureThreshold 3; httpGet path "/" scheme HTTP; grpc.service "";
//   resource quantities rounded up to 1m.
// Volumes: no source → emptyDir {}; secret/configMap/downwardAPI/projected defaultMode 420 (0644);
//   hostPath.type ""; serviceAccountToken.expirationSeconds 3600; iscsi/rbd/azureDisk/scaleIO scalar defaults;
//   ephemeral claim spec volumeMode Filesystem.
import { roundQuantityUpToMilli } from './quantity.js';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The object at `o[key]`, or undefined when absent or not an object. */
const child = (o: Obj, key: string): Obj | undefined => {
  const v = o[key];
  return isObj(v) ? v : undefined;
};

const items = (o: Obj | undefined, key: string): Obj[] => {
  const v = o?.[key];
  return Array.isArray(v) ? v.filter(isObj) : [];
};

/** Sets o[key] = value when the Go field is at its zero value ("" / 0 / nil). */
function defaultField(o: Obj | undefined, key: string, value: unknown): void {
  if (o === undefined) return;
  const cur = o[key];
  if (cur === undefined || cur === null || cur === '' || cur === 0) o[key] = value;
}

/** Image-pull default: upstream parses the reference; no tag and no digest means `latest`. */
export function defaultImagePullPolicy(image: string): 'Always' | 'IfNotPresent' {
  if (image === '' || /[A-Z]/.test(image.split(/[:@]/)[0] ?? '')) return 'IfNotPresent'; // unparsable reference
  const atDigest = image.indexOf('@');
  const withoutDigest = atDigest >= 0 ? image.slice(0, atDigest) : image;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  const tag = colon >= 0 ? withoutDigest.slice(colon + 1) : '';
  if (tag === '' && atDigest < 0) return 'Always';
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultResourceList(o: Obj | undefined, key: string): void {
  const list = o === undefined ? undefined : child(o, key);
  if (list === undefined) return;
  for (const [name, q] of Object.entries(list)) {
    if (typeof q === 'string' || typeof q === 'number') list[name] = roundQuantityUpToMilli(q);
  }
}

function defaultHandler(h: Obj | undefined): void {
  const httpGet = h === undefined ? undefined : child(h, 'httpGet');
  defaultField(httpGet, 'path', '/');
  defaultField(httpGet, 'scheme', 'HTTP');
  const grpc = h === undefined ? undefined : child(h, 'grpc');
  if (grpc !== undefined && (grpc.service === undefined || grpc.service === null)) grpc.service = '';
}

function defaultProbe(p: Obj | undefined): void {
  if (p === undefined) return;
  defaultField(p, 'timeoutSeconds', 1);
  defaultField(p, 'periodSeconds', 10);
  defaultField(p, 'successThreshold', 1);
  defaultField(p, 'failureThreshold', 3);
  defaultHandler(p);
}

function defaultContainer(c: Obj): void {
  if (c.imagePullPolicy === undefined || c.imagePullPolicy === null || c.imagePullPolicy === '') {
    c.imagePullPolicy = defaultImagePullPolicy(typeof c.image === 'string' ? c.image : '');
  }
  defaultField(c, 'terminationMessagePath', '/dev/termination-log');
  defaultField(c, 'terminationMessagePolicy', 'File');
  for (const port of items(c, 'ports')) defaultField(port, 'protocol', 'TCP');
  for (const env of items(c, 'env')) {
    const from = child(env, 'valueFrom');
    defaultField(from === undefined ? undefined : child(from, 'fieldRef'), 'apiVersion', 'v1');
    const fileKeyRef = from === undefined ? undefined : child(from, 'fileKeyRef');
    if (fileKeyRef !== undefined && (fileKeyRef.optional === undefined || fileKeyRef.optional === null)) fileKeyRef.optional = false;
  }
  const resources = child(c, 'resources');
  defaultResourceList(resources, 'limits');
  defaultResourceList(resources, 'requests');
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) defaultProbe(child(c, probe));
  const lifecycle = child(c, 'lifecycle');
  defaultHandler(lifecycle === undefined ? undefined : child(lifecycle, 'postStart'));
  defaultHandler(lifecycle === undefined ? undefined : child(lifecycle, 'preStop'));
}

const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi',
  'glusterfs', 'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc',
  'azureFile', 'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected',
  'portworxVolume', 'scaleIO', 'storageos', 'csi', 'ephemeral', 'image',
] as const;

const FILE_MODE_0644 = 420;

function defaultDownwardItems(o: Obj | undefined): void {
  for (const item of items(o, 'items')) defaultField(child(item, 'fieldRef'), 'apiVersion', 'v1');
}

function defaultVolume(v: Obj): void {
  if (VOLUME_SOURCES.every((s) => v[s] === undefined || v[s] === null)) v.emptyDir = {};
  const hostPath = child(v, 'hostPath');
  if (hostPath !== undefined && (hostPath.type === undefined || hostPath.type === null)) hostPath.type = '';
  for (const s of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    const src = child(v, s);
    if (src !== undefined && (src.defaultMode === undefined || src.defaultMode === null)) src.defaultMode = FILE_MODE_0644;
  }
  defaultDownwardItems(child(v, 'downwardAPI'));
  for (const source of items(child(v, 'projected'), 'sources')) {
    defaultDownwardItems(child(source, 'downwardAPI'));
    const token = child(source, 'serviceAccountToken');
    if (token !== undefined && (token.expirationSeconds === undefined || token.expirationSeconds === null)) token.expirationSeconds = 3600;
  }
  defaultField(child(v, 'iscsi'), 'iscsiInterface', 'default');
  const rbd = child(v, 'rbd');
  defaultField(rbd, 'pool', 'rbd');
  defaultField(rbd, 'user', 'admin');
  defaultField(rbd, 'keyring', '/etc/ceph/keyring');
  const azureDisk = child(v, 'azureDisk');
  if (azureDisk !== undefined) {
    for (const [k, d] of [['cachingMode', 'ReadWrite'], ['fsType', 'ext4'], ['readOnly', false], ['kind', 'Shared']] as const) {
      if (azureDisk[k] === undefined || azureDisk[k] === null) azureDisk[k] = d;
    }
  }
  const scaleIO = child(v, 'scaleIO');
  defaultField(scaleIO, 'storageMode', 'ThinProvisioned');
  defaultField(scaleIO, 'fsType', 'xfs');
  const ephemeral = child(v, 'ephemeral');
  const claim = ephemeral === undefined ? undefined : child(ephemeral, 'volumeClaimTemplate');
  const claimSpec = claim === undefined ? undefined : child(claim, 'spec');
  if (claimSpec !== undefined) {
    if (claimSpec.volumeMode === undefined || claimSpec.volumeMode === null) claimSpec.volumeMode = 'Filesystem';
    const res = child(claimSpec, 'resources');
    defaultResourceList(res, 'limits');
    defaultResourceList(res, 'requests');
  }
}

/** A copy of `template` with the API server's pod-template defaults applied (input is not mutated). */
export function applyPodTemplateDefaults(template: unknown): Obj {
  const t: Obj = isObj(template) ? structuredClone(template) : {};
  const spec: Obj = child(t, 'spec') ?? {};
  t.spec = spec;
  defaultField(spec, 'dnsPolicy', 'ClusterFirst');
  defaultField(spec, 'restartPolicy', 'Always');
  if (spec.securityContext === undefined || spec.securityContext === null) spec.securityContext = {};
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) spec.terminationGracePeriodSeconds = 30;
  defaultField(spec, 'schedulerName', 'default-scheduler');
  for (const v of items(spec, 'volumes')) defaultVolume(v);
  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
    for (const c of items(spec, list)) defaultContainer(c);
  }
  defaultResourceList(spec, 'overhead');
  const podResources = child(spec, 'resources');
  defaultResourceList(podResources, 'limits');
  defaultResourceList(podResources, 'requests');
  return t;
}
