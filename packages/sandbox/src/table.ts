import { age } from './duration.js';
import { evaluateJsonPath } from './jsonpath.js';
import type { Column, Printer } from './printers.js';
import { builtinPrinter, DEFAULT_PRINTER, NAME_COLUMN } from './printers.js';
import type { JsonObject, KubeObject, PrinterColumn, ResourceType } from './types.js';

export const TABLE_CONTENT_TYPE = 'application/json;as=Table;v=v1;g=meta.k8s.io';

/**
 * Printer for a type: a CRD's additionalPrinterColumns (Name first, cells from JSONPath, `date` columns rendered
 * as Age), a built-in kubectl printer, or Name + Age.
 */
export function printerFor(t: ResourceType): Printer {
  if (t.crd !== undefined) return t.crd.printerColumns.length > 0 ? crdPrinter(t.crd.printerColumns) : DEFAULT_PRINTER;
  return builtinPrinter(t.group, t.kind) ?? DEFAULT_PRINTER;
}

function crdPrinter(columns: PrinterColumn[]): Printer {
  const defs: Column[] = [
    NAME_COLUMN,
    ...columns.map((c): Column => {
      const def: Column = { name: c.name, type: asColumnType(c.type), description: c.description ?? '', priority: c.priority ?? 0 };
      if (c.format !== undefined) def.format = c.format;
      return def;
    }),
  ];
  return {
    columns: defs,
    cells: (obj, now) => [
      obj.metadata.name,
      ...columns.map((c) => {
        const found = evaluateJsonPath(obj, c.jsonPath);
        if (found.length === 0 || found[0] === undefined || found[0] === null) return null;
        if (c.type === 'date') return age(found[0], now);
        return typeof found[0] === 'object' ? JSON.stringify(found[0]) : found[0];
      }),
    ],
  };
}

function asColumnType(type: string): Column['type'] {
  return type === 'integer' || type === 'number' || type === 'boolean' || type === 'date' ? type : 'string';
}

/** `PartialObjectMetadata` of a row: the object's metadata without managedFields. */
function partialMetadata(obj: KubeObject): JsonObject {
  const { managedFields: _dropped, ...metadata } = obj.metadata;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata };
}

export interface TableOptions {
  now: Date;
  resourceVersion: string;
  /** Watch events after the first may omit column definitions. */
  includeColumns?: boolean;
  /** `includeObject=None|Metadata|Object` (default Metadata). */
  includeObject?: string;
}

/** `meta.k8s.io/v1` Table of `objects`, cells rendered now (Age included). */
export function buildTable(t: ResourceType, objects: KubeObject[], opts: TableOptions): JsonObject {
  const printer = printerFor(t);
  const rows = objects.map((obj) => {
    const row: JsonObject = { cells: printer.cells(obj, opts.now) };
    if (opts.includeObject === 'Object') row['object'] = obj;
    else if (opts.includeObject !== 'None') row['object'] = partialMetadata(obj);
    return row;
  });
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion: opts.resourceVersion },
    columnDefinitions: opts.includeColumns === false ? [] : printer.columns.map((c) => ({ format: '', priority: 0, ...c })),
    rows,
  };
}
