// Generates packages/core/src/hash/go-types.generated.ts: the Go encoding/json view (field order, json
// names, omitempty/omitzero, pointer/slice/map/struct shape) of corev1.PodTemplateSpec and of Argo
// Rollouts' CanaryStep, plus everything reachable from them.
//
// Usage (the Go sources are read from bare git mirrors at pinned refs; nothing Go is committed):
//   pnpm exec tsx packages/core/scripts/gen-go-types.ts \
//     --api <kubernetes/api git dir> --apimachinery <kubernetes/apimachinery git dir> \
//     --rollouts <argoproj/argo-rollouts git dir>
// parity: k8s.io/api core/v1/types.go, k8s.io/apimachinery pkg/apis/meta/v1/types.go (v0.34.5, the
// version argo-rollouts go.mod pins) and argo-rollouts pkg/apis/rollouts/v1alpha1 (commit 9f8d111d).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseGoFile } from './go-struct-parser.js';
import type { GoFieldDecl, GoFile } from './go-struct-parser.js';

const K8S_REF = 'v0.34.5';
const ROLLOUTS_REF = '9f8d111d8f8e3e88b6d7f8bbdf62fd3cd863ef9d';

/** Import path → short package key used in the generated table. */
const PKG_KEYS: Readonly<Record<string, string>> = {
  'k8s.io/api/core/v1': 'core/v1',
  'k8s.io/apimachinery/pkg/apis/meta/v1': 'meta/v1',
  'github.com/argoproj/argo-rollouts/pkg/apis/rollouts/v1alpha1': 'rollouts/v1alpha1',
};

/** Types whose JSON form comes from a custom MarshalJSON (or that are plain strings in disguise). */
const SPECIAL: Readonly<Record<string, string>> = {
  'k8s.io/apimachinery/pkg/api/resource.Quantity': 'quantity',
  'k8s.io/apimachinery/pkg/util/intstr.IntOrString': 'intOrString',
  'k8s.io/apimachinery/pkg/types.UID': 'string',
  'k8s.io/apimachinery/pkg/runtime.RawExtension': 'rawJson',
  'encoding/json.RawMessage': 'rawJson',
  'meta/v1.Time': 'time',
  'meta/v1.MicroTime': 'microTime',
  'meta/v1.Duration': 'duration',
  'meta/v1.FieldsV1': 'rawJson',
};

const BUILTINS: Readonly<Record<string, string>> = {
  string: 'string',
  bool: 'bool',
  int: 'int',
  int8: 'int',
  int16: 'int',
  int32: 'int',
  int64: 'int',
  uint: 'int',
  uint8: 'int',
  uint16: 'int',
  uint32: 'int',
  uint64: 'int',
  float32: 'float',
  float64: 'float',
};

const ROOTS = ['core/v1.PodTemplateSpec', 'rollouts/v1alpha1.CanaryStep'] as const;

interface Field {
  readonly json: string;
  readonly type: string;
  readonly omitEmpty: boolean;
  readonly omitZero: boolean;
}

interface Pkg {
  readonly key: string;
  readonly files: readonly GoFile[];
}

function gitShow(gitDir: string, ref: string, path: string): string {
  return execFileSync('git', ['--git-dir', gitDir, 'show', `${ref}:${path}`], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

function gitLs(gitDir: string, ref: string, dir: string): string[] {
  return execFileSync('git', ['--git-dir', gitDir, 'ls-tree', '--name-only', `${ref}:${dir}`], {
    encoding: 'utf8',
  })
    .split('\n')
    .filter((f) => f.endsWith('.go') && !f.endsWith('_test.go') && !f.startsWith('zz_generated') && !f.startsWith('generated'));
}

function loadPackages(args: ReadonlyMap<string, string>): Map<string, Pkg> {
  const need = (flag: string): string => {
    const v = args.get(flag);
    if (v === undefined) throw new Error(`missing --${flag} <git dir>`);
    return v;
  };
  const api = need('api');
  const machinery = need('apimachinery');
  const rollouts = need('rollouts');
  const rolloutsDir = 'pkg/apis/rollouts/v1alpha1';
  return new Map<string, Pkg>([
    ['core/v1', { key: 'core/v1', files: [parseGoFile('k8s.io/api/core/v1', gitShow(api, K8S_REF, 'core/v1/types.go'))] }],
    [
      'meta/v1',
      {
        key: 'meta/v1',
        files: [parseGoFile('k8s.io/apimachinery/pkg/apis/meta/v1', gitShow(machinery, K8S_REF, 'pkg/apis/meta/v1/types.go'))],
      },
    ],
    [
      'rollouts/v1alpha1',
      {
        key: 'rollouts/v1alpha1',
        files: gitLs(rollouts, ROLLOUTS_REF, rolloutsDir).map((f) =>
          parseGoFile('github.com/argoproj/argo-rollouts/pkg/apis/rollouts/v1alpha1', gitShow(rollouts, ROLLOUTS_REF, `${rolloutsDir}/${f}`)),
        ),
      },
    ],
  ]);
}

class Resolver {
  readonly structs = new Map<string, Field[]>();
  private readonly queue: string[] = [];

  constructor(private readonly pkgs: ReadonlyMap<string, Pkg>) {}

  run(roots: readonly string[]): void {
    this.queue.push(...roots);
    for (let next = this.queue.shift(); next !== undefined; next = this.queue.shift()) {
      if (this.structs.has(next)) continue;
      this.structs.set(next, this.flatten(next, 0).map((f) => f.field));
    }
  }

  private lookup(qualified: string): { file: GoFile; struct?: readonly GoFieldDecl[]; named?: string } {
    const dot = qualified.lastIndexOf('.');
    const pkg = this.pkgs.get(qualified.slice(0, dot));
    const name = qualified.slice(dot + 1);
    for (const file of pkg?.files ?? []) {
      const struct = file.structs.get(name);
      if (struct !== undefined) return { file, struct };
      const named = file.named.get(name);
      if (named !== undefined) return { file, named };
    }
    throw new Error(`type not found: ${qualified}`);
  }

  /** Qualifies a bare or package-qualified Go type name as `pkgKey.Name` or `importPath.Name`. */
  private qualify(file: GoFile, name: string): string {
    const dot = name.indexOf('.');
    const path = dot < 0 ? file.pkgPath : file.imports.get(name.slice(0, dot));
    if (path === undefined) throw new Error(`unknown import alias in ${name}`);
    const key = PKG_KEYS[path] ?? path;
    return `${key}.${name.slice(dot + 1)}`;
  }

  /** Resolves a Go type expression to the generated table's type grammar. */
  resolveType(file: GoFile, expr: string): string {
    if (expr === '[]byte') return 'bytes';
    if (expr === 'interface{}') throw new Error('interface{} is not supported');
    if (expr.startsWith('*')) return `*${this.resolveType(file, expr.slice(1))}`;
    if (expr.startsWith('[]')) return `[]${this.resolveType(file, expr.slice(2))}`;
    const map = /^map\[([^\]]+)\](.+)$/.exec(expr);
    if (map !== null) {
      const key = this.resolveType(file, map[1] ?? '');
      if (key !== 'string') throw new Error(`non-string map key: ${expr}`);
      return `map[]${this.resolveType(file, map[2] ?? '')}`;
    }
    const builtin = BUILTINS[expr];
    if (builtin !== undefined) return builtin;
    if (!/^(\w+\.)?\w+$/.test(expr)) throw new Error(`unsupported type expression: ${expr}`);
    const qualified = this.qualify(file, expr);
    const special = SPECIAL[qualified];
    if (special !== undefined) return special;
    const found = this.lookup(qualified);
    if (found.named !== undefined) return this.resolveType(found.file, found.named);
    if (!this.structs.has(qualified)) this.queue.push(qualified);
    return qualified;
  }

  /** Go encoding/json field list of a struct: embedded untagged structs promoted, dominant field per name. */
  private flatten(qualified: string, depth: number): { field: Field; depth: number; tagged: boolean }[] {
    const found = this.lookup(qualified);
    if (found.struct === undefined) throw new Error(`not a struct: ${qualified}`);
    const out: { field: Field; depth: number; tagged: boolean }[] = [];
    for (const decl of found.struct) {
      if (decl.jsonTag === '-') continue;
      const [tagName = '', ...opts] = (decl.jsonTag ?? '').split(',');
      for (const opt of opts) {
        if (!['omitempty', 'omitzero', 'inline', ''].includes(opt)) throw new Error(`unsupported json option ${opt} in ${qualified}`);
      }
      if (decl.embedded && tagName === '') {
        if (decl.typeExpr.startsWith('*')) throw new Error(`embedded pointer in ${qualified}`);
        const inner = this.qualify(found.file, decl.typeExpr);
        const innerFound = this.lookup(inner);
        if (innerFound.struct !== undefined && SPECIAL[inner] === undefined) {
          out.push(...this.flatten(inner, depth + 1));
          continue;
        }
      }
      if (!/^[A-Z]/.test(decl.goName)) continue; // unexported
      out.push({
        depth,
        tagged: tagName !== '',
        field: {
          json: tagName === '' ? decl.goName : tagName,
          type: this.resolveType(found.file, decl.typeExpr),
          omitEmpty: opts.includes('omitempty'),
          omitZero: opts.includes('omitzero'),
        },
      });
    }
    // Go: among fields sharing a JSON name, the shallowest wins; a tie is broken by a tag; else all drop.
    return out.filter((f) => {
      const rivals = out.filter((g) => g.field.json === f.field.json);
      const minDepth = Math.min(...rivals.map((g) => g.depth));
      const shallow = rivals.filter((g) => g.depth === minDepth);
      if (f.depth !== minDepth) return false;
      if (shallow.length === 1) return true;
      const tagged = shallow.filter((g) => g.tagged);
      return tagged.length === 1 && tagged[0] === f;
    });
  }
}

function render(structs: ReadonlyMap<string, readonly Field[]>): string {
  const lines = [
    '// GENERATED by packages/core/scripts/gen-go-types.ts — do not edit by hand.',
    `// Sources: k8s.io/api ${K8S_REF} core/v1/types.go, k8s.io/apimachinery ${K8S_REF} pkg/apis/meta/v1/types.go,`,
    `// argo-rollouts ${ROLLOUTS_REF.slice(0, 8)} pkg/apis/rollouts/v1alpha1/*.go.`,
    '// Each struct lists its fields in Go declaration order (embedded structs promoted) as Go encoding/json',
    '// emits them: json name, type (grammar in go-types.ts), omitempty, omitzero.',
    "import type { GoStructTable } from './go-types.js';",
    '',
    'export const GO_STRUCTS: GoStructTable = {',
  ];
  const names = [...structs.keys()].sort();
  for (const name of names) {
    lines.push(`  '${name}': [`);
    for (const f of structs.get(name) ?? []) {
      lines.push(`    ['${f.json}', '${f.type}', ${String(f.omitEmpty)}, ${String(f.omitZero)}],`);
    }
    lines.push('  ],');
  }
  lines.push('};', '');
  return lines.join('\n');
}

function parseArgs(argv: readonly string[]): Map<string, string> {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i] ?? '';
    if (!flag.startsWith('--')) throw new Error(`unexpected argument ${flag}`);
    args.set(flag.slice(2), argv[i + 1] ?? '');
  }
  return args;
}

const resolver = new Resolver(loadPackages(parseArgs(process.argv.slice(2))));
resolver.run(ROOTS);
const outPath = resolve(dirname(fileURLToPath(import.meta.url)), '../src/hash/go-types.generated.ts');
writeFileSync(outPath, render(resolver.structs));
process.stdout.write(`wrote ${resolver.structs.size} structs to ${outPath}\n`);
