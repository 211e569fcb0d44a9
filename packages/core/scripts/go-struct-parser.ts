// Minimal parser for Go struct declarations in Kubernetes-style API type files.
// It understands exactly what those files use: `type X struct { … }` blocks, one field per line
// (`Name Type \`json:"…"\``), embedded fields, and `type X Y` / `type X = Y` named types.
// Anything it does not understand makes it throw, so the generated table cannot silently drift.

/** One field of a Go struct as declared (before embedded fields are flattened). */
export interface GoFieldDecl {
  /** Go field name (for an embedded field: the type's bare name). */
  readonly goName: string;
  /** Go type expression as written, e.g. `*metav1.LabelSelector`, `[]Container`, `map[string]string`. */
  readonly typeExpr: string;
  readonly embedded: boolean;
  /** The `json:"…"` tag value, or undefined when the field has no json tag. */
  readonly jsonTag: string | undefined;
}

/** Declarations found in one Go source file, with its import aliases resolved to import paths. */
export interface GoFile {
  readonly pkgPath: string;
  readonly imports: ReadonlyMap<string, string>;
  readonly structs: ReadonlyMap<string, readonly GoFieldDecl[]>;
  /** Non-struct named types: name → underlying type expression (aliases and definitions alike). */
  readonly named: ReadonlyMap<string, string>;
}

function stripComments(src: string): string {
  const noBlocks = src.replace(/\/\*[\s\S]*?\*\//g, '');
  return noBlocks
    .split('\n')
    .map((line) => {
      // A `//` comment starts outside a backtick tag or string literal.
      let inTick = false;
      let inQuote = false;
      for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (c === '`' && !inQuote) inTick = !inTick;
        else if (c === '"' && !inTick && line[i - 1] !== '\\') inQuote = !inQuote;
        else if (!inTick && !inQuote && c === '/' && line[i + 1] === '/') return line.slice(0, i);
      }
      return line;
    })
    .join('\n');
}

function parseImports(src: string): Map<string, string> {
  const imports = new Map<string, string>();
  const block = /^import\s*\(([\s\S]*?)^\)/m.exec(src);
  const lines = block?.[1] !== undefined ? block[1].split('\n') : [];
  const single = src.match(/^import\s+(\w+\s+)?"[^"]+"/gm) ?? [];
  for (const raw of [...lines, ...single.map((s) => s.replace(/^import\s+/, ''))]) {
    const m = /^\s*(\w+)?\s*"([^"]+)"\s*$/.exec(raw);
    if (m === null) continue;
    const path = m[2] ?? '';
    const alias = m[1] ?? path.slice(path.lastIndexOf('/') + 1);
    imports.set(alias, path);
  }
  return imports;
}

function parseField(line: string, structName: string): GoFieldDecl {
  const tickAt = line.indexOf('`');
  const head = (tickAt >= 0 ? line.slice(0, tickAt) : line).trim();
  const tag = tickAt >= 0 ? line.slice(tickAt + 1, line.lastIndexOf('`')) : '';
  const tagMatch = /(?:^|\s)json:"([^"]*)"/.exec(tag);
  const jsonTag = tagMatch?.[1];
  const tokens = head.split(/\s+/);
  if (tokens.length === 1) {
    const typeExpr = tokens[0] ?? '';
    const bare = typeExpr.replace(/^\*/, '');
    const goName = bare.slice(bare.lastIndexOf('.') + 1);
    return { goName, typeExpr, embedded: true, jsonTag };
  }
  if (tokens.length === 2 && /^\w+$/.test(tokens[0] ?? '')) {
    return { goName: tokens[0] ?? '', typeExpr: tokens[1] ?? '', embedded: false, jsonTag };
  }
  throw new Error(`cannot parse field of ${structName}: ${line.trim()}`);
}

/** Parses one Go source file (package `pkgPath`). */
export function parseGoFile(pkgPath: string, source: string): GoFile {
  const src = stripComments(source);
  const structs = new Map<string, GoFieldDecl[]>();
  const named = new Map<string, string>();
  const lines = src.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const structHead = /^type\s+(\w+)\s+struct\s*\{\s*(\}?)\s*$/.exec(line);
    if (structHead !== null) {
      const name = structHead[1] ?? '';
      const fields: GoFieldDecl[] = [];
      if (structHead[2] !== '}') {
        for (i++; i < lines.length && !/^\}/.test(lines[i] ?? ''); i++) {
          const body = (lines[i] ?? '').trim();
          if (body === '') continue;
          if (body.replace(/interface\{\}/g, '').includes('{')) {
            throw new Error(`nested struct or brace in ${name}: ${body}`);
          }
          fields.push(parseField(body, name));
        }
      }
      structs.set(name, fields);
      continue;
    }
    const namedHead = /^type\s+(\w+)\s+(?:=\s*)?([^\s{]+)\s*$/.exec(line);
    if (namedHead !== null) named.set(namedHead[1] ?? '', namedHead[2] ?? '');
  }
  return { pkgPath, imports: parseImports(src), structs, named };
}
