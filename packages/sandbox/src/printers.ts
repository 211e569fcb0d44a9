import { age } from './duration.js';
import { formatLabelSelector } from './selectors.js';
import type { JsonObject, KubeObject } from './types.js';
import { isRecord } from './types.js';

/** A Table column: `name` as the server sends it (kubectl upper-cases), `priority` > 0 shows only with -o wide. */
export interface Column {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format?: string;
  description: string;
  priority?: number;
}

export interface Printer {
  columns: Column[];
  cells: (obj: KubeObject, now: Date) => unknown[];
}

const NAME: Column = { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace.' };
const AGE: Column = { name: 'Age', type: 'string', description: 'CreationTimestamp is a timestamp representing the server time when this object was created.' };
const col = (name: string, type: Column['type'], description: string, priority = 0): Column => ({ name, type, description, priority });

const rec = (v: unknown): JsonObject => (isRecord(v) ? v : {});
const arr = (v: unknown): JsonObject[] => (Array.isArray(v) ? v.filter(isRecord) : []);
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const spec = (o: KubeObject): JsonObject => rec(o['spec']);
const status = (o: KubeObject): JsonObject => rec(o['status']);
const created = (o: KubeObject, now: Date): string => age(o.metadata.creationTimestamp, now);
const orNone = (s: string): string => (s === '' ? '<none>' : s);

function podTemplateContainers(o: KubeObject): JsonObject[] {
  return arr(rec(rec(spec(o)['template'])['spec'])['containers']);
}
const containerNames = (o: KubeObject): string => podTemplateContainers(o).map((c) => String(c['name'])).join(',');
const containerImages = (o: KubeObject): string => podTemplateContainers(o).map((c) => String(c['image'])).join(',');

/** Pod STATUS as kubectl shows it: Terminating, a container's waiting/terminated reason, else the phase. */
export function podStatusText(o: KubeObject): string {
  if (o.metadata.deletionTimestamp !== undefined) return 'Terminating';
  const st = status(o);
  let reason = typeof st['reason'] === 'string' ? st['reason'] : String(st['phase'] ?? 'Pending');
  for (const cs of arr(st['containerStatuses'])) {
    const state = rec(cs['state']);
    const waiting = rec(state['waiting']);
    const terminated = rec(state['terminated']);
    if (typeof waiting['reason'] === 'string' && waiting['reason'] !== '') reason = waiting['reason'];
    else if (typeof terminated['reason'] === 'string' && terminated['reason'] !== '') reason = terminated['reason'];
  }
  return reason;
}

function servicePorts(o: KubeObject): string {
  const ports = arr(spec(o)['ports']).map((p) => {
    const base = p['nodePort'] !== undefined ? `${String(p['port'])}:${String(p['nodePort'])}` : String(p['port']);
    return `${base}/${String(p['protocol'] ?? 'TCP')}`;
  });
  return orNone(ports.join(','));
}

const PRINTERS: Record<string, Printer> = {
  '/Pod': {
    columns: [
      NAME,
      col('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
      col('Status', 'string', 'The aggregate status of the containers in this pod.'),
      col('Restarts', 'string', 'The number of times the containers in this pod have been restarted.'),
      AGE,
      col('IP', 'string', 'IP address allocated to the pod.', 1),
      col('Node', 'string', 'Name of the node this pod is assigned to.', 1),
      col('Nominated Node', 'string', 'Name of the node where the pod is nominated.', 1),
      col('Readiness Gates', 'string', 'Pod readiness gates.', 1),
    ],
    cells: (o, now) => {
      const containers = arr(spec(o)['containers']);
      const statuses = arr(status(o)['containerStatuses']);
      const ready = statuses.filter((c) => c['ready'] === true).length;
      const restarts = statuses.reduce((n, c) => n + num(c['restartCount']), 0);
      const gates = arr(spec(o)['readinessGates']);
      return [
        o.metadata.name,
        `${ready}/${containers.length}`,
        podStatusText(o),
        String(restarts),
        created(o, now),
        orNone(String(status(o)['podIP'] ?? '')),
        orNone(String(spec(o)['nodeName'] ?? '')),
        '<none>',
        gates.length === 0 ? '<none>' : `0/${gates.length}`,
      ];
    },
  },
  'apps/ReplicaSet': {
    columns: [
      NAME,
      col('Desired', 'integer', 'Number of desired pods.'),
      col('Current', 'integer', 'Number of actual running pods.'),
      col('Ready', 'integer', 'Number of pods ready.'),
      AGE,
      col('Containers', 'string', 'Names of each container in the template.', 1),
      col('Images', 'string', 'Images referenced by each container in the template.', 1),
      col('Selector', 'string', 'Label selector for pods.', 1),
    ],
    cells: (o, now) => [
      o.metadata.name,
      num(spec(o)['replicas'] ?? 1),
      num(status(o)['replicas']),
      num(status(o)['readyReplicas']),
      created(o, now),
      containerNames(o),
      containerImages(o),
      formatLabelSelector(spec(o)['selector']),
    ],
  },
  'apps/Deployment': {
    columns: [
      NAME,
      col('Ready', 'string', 'Number of the pod with ready state.'),
      col('Up-to-date', 'string', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.'),
      col('Available', 'string', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'),
      AGE,
      col('Containers', 'string', 'Names of each container in the template.', 1),
      col('Images', 'string', 'Images referenced by each container in the template.', 1),
      col('Selector', 'string', 'Label selector for pods.', 1),
    ],
    cells: (o, now) => [
      o.metadata.name,
      `${num(status(o)['readyReplicas'])}/${num(spec(o)['replicas'] ?? 1)}`,
      num(status(o)['updatedReplicas']),
      num(status(o)['availableReplicas']),
      created(o, now),
      containerNames(o),
      containerImages(o),
      formatLabelSelector(spec(o)['selector']),
    ],
  },
  '/Service': {
    columns: [
      NAME,
      col('Type', 'string', 'The type of the service.'),
      col('Cluster-IP', 'string', 'The cluster IP of the service.'),
      col('External-IP', 'string', 'The external IP of the service.'),
      col('Port(s)', 'string', 'The ports of the service.'),
      AGE,
      col('Selector', 'string', 'The selector of the service.', 1),
    ],
    cells: (o, now) => [
      o.metadata.name,
      String(spec(o)['type'] ?? 'ClusterIP'),
      orNone(String(spec(o)['clusterIP'] ?? '')),
      '<none>',
      servicePorts(o),
      created(o, now),
      orNone(Object.entries(rec(spec(o)['selector'])).map(([k, v]) => `${k}=${String(v)}`).join(',')),
    ],
  },
  '/Namespace': {
    columns: [NAME, col('Status', 'string', 'The status of the namespace.'), AGE],
    cells: (o, now) => [o.metadata.name, String(status(o)['phase'] ?? 'Active'), created(o, now)],
  },
  '/ConfigMap': {
    columns: [NAME, col('Data', 'integer', 'Number of keys.'), AGE],
    cells: (o, now) => [o.metadata.name, Object.keys(rec(o['data'])).length + Object.keys(rec(o['binaryData'])).length, created(o, now)],
  },
  '/Secret': {
    columns: [NAME, col('Type', 'string', 'The type of the secret.'), col('Data', 'integer', 'Number of keys.'), AGE],
    cells: (o, now) => [o.metadata.name, String(o['type'] ?? 'Opaque'), Object.keys(rec(o['data'])).length, created(o, now)],
  },
  '/ServiceAccount': {
    columns: [NAME, col('Secrets', 'string', 'Number of secrets.'), AGE],
    cells: (o, now) => [o.metadata.name, arr(o['secrets']).length, created(o, now)],
  },
  '/Event': {
    columns: [
      col('Last Seen', 'string', 'Time since the event was last seen.'),
      col('Type', 'string', 'Type of the event.'),
      col('Reason', 'string', 'Reason of the event.'),
      col('Object', 'string', 'The object the event is about.'),
      col('Message', 'string', 'The event message.'),
    ],
    cells: (o, now) => {
      const inv = rec(o['involvedObject']);
      return [
        age(o['lastTimestamp'] ?? o['eventTime'] ?? o.metadata.creationTimestamp, now),
        String(o['type'] ?? ''),
        String(o['reason'] ?? ''),
        `${String(inv['kind'] ?? '').toLowerCase()}/${String(inv['name'] ?? '')}`,
        String(o['message'] ?? ''),
      ];
    },
  },
  'batch/Job': {
    columns: [NAME, col('Status', 'string', 'Status of the job.'), col('Completions', 'string', 'Desired and successful completions.'), AGE],
    cells: (o, now) => {
      const conds = arr(status(o)['conditions']).filter((c) => c['status'] === 'True').map((c) => String(c['type']));
      const state = conds.includes('Complete') ? 'Complete' : conds.includes('Failed') ? 'Failed' : 'Running';
      return [o.metadata.name, state, `${num(status(o)['succeeded'])}/${num(spec(o)['completions'] ?? 1)}`, created(o, now)];
    },
  },
  'autoscaling/HorizontalPodAutoscaler': {
    columns: [
      NAME,
      col('Reference', 'string', 'Reference to the target object.'),
      col('Targets', 'string', 'Current and target metric values.'),
      col('MinPods', 'string', 'Lower limit of replicas.'),
      col('MaxPods', 'integer', 'Upper limit of replicas.'),
      col('Replicas', 'integer', 'Current number of replicas.'),
      AGE,
    ],
    cells: (o, now) => {
      const ref = rec(spec(o)['scaleTargetRef']);
      const targets = arr(spec(o)['metrics']).map((m) => {
        const target = rec(rec(rec(m['resource'])['target']));
        const name = String(rec(m['resource'])['name'] ?? m['type'] ?? '');
        const value = target['averageUtilization'] !== undefined ? `${String(target['averageUtilization'])}%` : String(target['averageValue'] ?? target['value'] ?? '');
        return `${name}: <unknown>/${value}`;
      });
      return [
        o.metadata.name,
        `${String(ref['kind'] ?? '')}/${String(ref['name'] ?? '')}`,
        orNone(targets.join(', ')),
        String(spec(o)['minReplicas'] ?? 1),
        num(spec(o)['maxReplicas']),
        num(status(o)['currentReplicas']),
        created(o, now),
      ];
    },
  },
  '/Endpoints': {
    columns: [NAME, col('Endpoints', 'string', 'Endpoints of the service.'), AGE],
    cells: (o, now) => {
      const eps = arr(o['subsets']).flatMap((sub) => {
        const ports = arr(sub['ports']).map((p) => String(p['port']));
        return arr(sub['addresses']).flatMap((a) => (ports.length === 0 ? [String(a['ip'])] : ports.map((p) => `${String(a['ip'])}:${p}`)));
      });
      return [o.metadata.name, orNone(eps.join(',')), created(o, now)];
    },
  },
  'networking.k8s.io/Ingress': {
    columns: [
      NAME,
      col('Class', 'string', 'The name of the IngressClass resource.'),
      col('Hosts', 'string', 'Hosts that incoming requests are matched against.'),
      col('Address', 'string', 'Address is a list containing ingress points for the load-balancer.'),
      col('Ports', 'string', 'Ports of TLS configurations that open.'),
      AGE,
    ],
    cells: (o, now) => {
      const hosts = arr(spec(o)['rules']).map((r) => String(r['host'] ?? '*'));
      const lb = arr(rec(rec(status(o)['loadBalancer']))['ingress']).map((i) => String(i['ip'] ?? i['hostname'] ?? ''));
      return [
        o.metadata.name,
        String(spec(o)['ingressClassName'] ?? '<none>'),
        hosts.length === 0 ? '*' : hosts.join(','),
        lb.join(','),
        arr(spec(o)['tls']).length > 0 ? '80, 443' : '80',
        created(o, now),
      ];
    },
  },
  'rbac.authorization.k8s.io/ClusterRole': {
    columns: [NAME, col('Created At', 'date', 'Creation timestamp.')],
    cells: (o) => [o.metadata.name, o.metadata.creationTimestamp],
  },
  'rbac.authorization.k8s.io/Role': {
    columns: [NAME, col('Created At', 'date', 'Creation timestamp.')],
    cells: (o) => [o.metadata.name, o.metadata.creationTimestamp],
  },
  'coordination.k8s.io/Lease': {
    columns: [NAME, col('Holder', 'string', 'The holder of the lease.'), AGE],
    cells: (o, now) => [o.metadata.name, String(spec(o)['holderIdentity'] ?? ''), created(o, now)],
  },
  'apiextensions.k8s.io/CustomResourceDefinition': {
    columns: [NAME, col('Created At', 'date', 'Creation timestamp of the CRD.')],
    cells: (o) => [o.metadata.name, o.metadata.creationTimestamp],
  },
  '/Node': {
    columns: [NAME, col('Status', 'string', 'The status of the node.'), col('Roles', 'string', 'The roles of the node.'), AGE, col('Version', 'string', 'Kubelet version.')],
    cells: (o, now) => [o.metadata.name, 'Ready', '<none>', created(o, now), String(rec(rec(status(o)['nodeInfo']))['kubeletVersion'] ?? 'v1.32.4')],
  },
};

export const DEFAULT_PRINTER: Printer = { columns: [NAME, AGE], cells: (o, now) => [o.metadata.name, created(o, now)] };

export function builtinPrinter(group: string, kind: string): Printer | undefined {
  return PRINTERS[`${group}/${kind}`];
}

export { NAME as NAME_COLUMN };
