#!/usr/bin/env node
// Regenerates descriptors.generated.ts: field numbers, names and types of the protobuf messages reachable from
// the kinds kubectl's generators send (read from generated.proto), plus which Go fields are pointers (from
// types.go), so the decoder can apply encoding/json's omitempty the way the API server's JSON would.
// Usage: node generate-descriptors.mjs <k8s.io/api git dir> <apimachinery git dir>   (dev-time tool only)
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const [apiGit, machineryGit] = process.argv.slice(2);
const show = (gitDir, path) => execFileSync('git', ['--git-dir', gitDir, 'show', `HEAD:${path}`], { encoding: 'utf8', maxBuffer: 1 << 26 });
const rev = (gitDir) => execFileSync('git', ['--git-dir', gitDir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();

const SOURCES = [
  { ns: 'core', pkg: 'k8s.io.api.core.v1', git: apiGit, proto: 'core/v1/generated.proto', go: 'core/v1/types.go' },
  { ns: 'apps', pkg: 'k8s.io.api.apps.v1', git: apiGit, proto: 'apps/v1/generated.proto', go: 'apps/v1/types.go' },
  { ns: 'batch', pkg: 'k8s.io.api.batch.v1', git: apiGit, proto: 'batch/v1/generated.proto', go: 'batch/v1/types.go' },
  { ns: 'policy', pkg: 'k8s.io.api.policy.v1', git: apiGit, proto: 'policy/v1/generated.proto', go: 'policy/v1/types.go' },
  { ns: 'networking', pkg: 'k8s.io.api.networking.v1', git: apiGit, proto: 'networking/v1/generated.proto', go: 'networking/v1/types.go' },
  { ns: 'autoscaling', pkg: 'k8s.io.api.autoscaling.v1', git: apiGit, proto: 'autoscaling/v1/generated.proto', go: 'autoscaling/v1/types.go' },
  { ns: 'autoscalingv2', pkg: 'k8s.io.api.autoscaling.v2', git: apiGit, proto: 'autoscaling/v2/generated.proto', go: 'autoscaling/v2/types.go' },
  { ns: 'rbac', pkg: 'k8s.io.api.rbac.v1', git: apiGit, proto: 'rbac/v1/generated.proto', go: 'rbac/v1/types.go' },
  { ns: 'meta', pkg: 'k8s.io.apimachinery.pkg.apis.meta.v1', git: machineryGit, proto: 'pkg/apis/meta/v1/generated.proto', go: 'pkg/apis/meta/v1/types.go' },
  { ns: 'runtime', pkg: 'k8s.io.apimachinery.pkg.runtime', git: machineryGit, proto: 'pkg/runtime/generated.proto' },
  { ns: 'intstr', pkg: 'k8s.io.apimachinery.pkg.util.intstr', git: machineryGit, proto: 'pkg/util/intstr/generated.proto' },
  { ns: 'resource', pkg: 'k8s.io.apimachinery.pkg.api.resource', git: machineryGit, proto: 'pkg/api/resource/generated.proto' },
];
const ROOTS = [
  'core.Namespace', 'core.ConfigMap', 'core.Secret', 'core.Service', 'core.ServiceAccount', 'core.Pod', 'core.ResourceQuota',
  'apps.Deployment', 'apps.ReplicaSet', 'apps.StatefulSet', 'apps.DaemonSet', 'batch.Job', 'batch.CronJob',
  'policy.PodDisruptionBudget', 'networking.Ingress', 'rbac.Role', 'rbac.RoleBinding', 'rbac.ClusterRole', 'rbac.ClusterRoleBinding',
  'autoscaling.HorizontalPodAutoscaler', 'autoscalingv2.HorizontalPodAutoscaler',
];
const SCALARS = new Set(['string', 'bool', 'int32', 'int64', 'bytes', 'double', 'float']);
const byPkg = Object.fromEntries(SOURCES.map((s) => [s.pkg, s.ns]));

const messages = new Map();
const pointers = new Set(); // "ns.Struct.jsonName"
const inlined = new Set(); // "ns.Struct.protoName" of Go fields embedded with json:",inline"
for (const src of SOURCES) {
  const text = show(src.git, src.proto);
  let cur = null;
  for (const line of text.split('\n')) {
    const start = /^message (\w+) \{/.exec(line);
    if (start) { cur = { name: `${src.ns}.${start[1]}`, fields: [] }; messages.set(cur.name, cur); continue; }
    if (/^\}/.test(line)) { cur = null; continue; }
    if (!cur) continue;
    const map = /^\s+map<(\w+), ([.\w]+)> (\w+) = (\d+);/.exec(line);
    const fld = /^\s+(optional|repeated) ([.\w]+) (\w+) = (\d+);/.exec(line);
    const resolve = (t) => {
      if (SCALARS.has(t)) return t;
      if (t.startsWith('.')) { const i = t.lastIndexOf('.'); return `${byPkg[t.slice(1, i)] ?? t.slice(1, i)}.${t.slice(i + 1)}`; }
      return `${src.ns}.${t}`;
    };
    if (map) cur.fields.push({ no: +map[4], name: map[3], type: resolve(map[2]), map: true });
    else if (fld) cur.fields.push({ no: +fld[4], name: fld[3], type: resolve(fld[2]), repeated: fld[1] === 'repeated' });
  }
  if (src.go) {
    let struct = null;
    for (const line of show(src.git, src.go).split('\n')) {
      const s = /^type (\w+) struct \{/.exec(line);
      if (s) { struct = s[1]; continue; }
      if (/^\}/.test(line)) { struct = null; continue; }
      const f = /^\s+\w+\s+\*[\w.]+\s+`json:"(\w+)/.exec(line);
      if (struct && f) pointers.add(`${src.ns}.${struct}.${f[1]}`);
      const inl = /^\s+[\w.]+\s+`json:"(?:,inline[^"]*)?"[^`]*protobuf:"[^"]*name=(\w+)/.exec(line);
      if (struct && inl) inlined.add(`${src.ns}.${struct}.${inl[1]}`);
    }
  }
}

const reachable = new Set();
const visit = (name) => {
  if (reachable.has(name) || !messages.has(name)) return;
  reachable.add(name);
  for (const f of messages.get(name).fields) if (!SCALARS.has(f.type)) visit(f.type);
};
ROOTS.forEach(visit);
['runtime.Unknown'].forEach(visit);

const lines = [...reachable].sort().map((name) => {
  const fields = messages.get(name).fields.map((f) => {
    const flags = (f.repeated ? 'r' : '') + (f.map ? 'm' : '') + (pointers.has(`${name}.${f.name}`) ? 'p' : '') + (inlined.has(`${name}.${f.name}`) ? 'i' : '');
    return `${f.no}: [${JSON.stringify(f.name)}, ${JSON.stringify(f.type)}${flags ? `, ${JSON.stringify(flags)}` : ''}]`;
  });
  return `  ${JSON.stringify(name)}: { ${fields.join(', ')} },`;
});
const out = `// GENERATED by generate-descriptors.mjs from generated.proto and types.go of
// k8s.io/api@${rev(apiGit)} and k8s.io/apimachinery@${rev(machineryGit)}. Do not edit.
// Each field: [json name, scalar type or message name, flags: r = repeated, m = map (value type), p = Go pointer,\n// i = embedded with json:\",inline\" (its fields belong to the parent object)].
import type { MessageTable } from './descriptor.js';

export const MESSAGES: MessageTable = {
${lines.join('\n')}
};
`;
writeFileSync(new URL('./descriptors.generated.ts', import.meta.url), out);
console.log(`messages=${reachable.size}`);
