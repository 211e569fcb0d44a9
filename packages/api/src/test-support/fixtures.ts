/** Test-only: reads the YAML fixtures under src/__fixtures__. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

export const FIXTURES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '__fixtures__');

export interface FixtureDocument {
  /** `upstream-e2e/functional/rollout-basic.yaml#0` */
  name: string;
  kind: string;
  apiVersion: string;
  document: Record<string, unknown>;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return yamlFiles(path);
      return entry.name.endsWith('.yaml') || entry.name.endsWith('.yml') ? [path] : [];
    })
    .sort();
}

/** Every YAML document in `subdir` (recursively), with its kind and apiVersion. */
export function fixtureDocuments(subdir: string): FixtureDocument[] {
  return yamlFiles(join(FIXTURES_DIR, subdir)).flatMap((file) =>
    parseAllDocuments(readFileSync(file, 'utf8'))
      .map((doc) => doc.toJS() as unknown)
      .filter((doc): doc is Record<string, unknown> => doc !== null && typeof doc === 'object')
      .map((document, index) => ({
        name: `${relative(FIXTURES_DIR, file)}#${index}`,
        kind: String(document['kind']),
        apiVersion: String(document['apiVersion']),
        document,
      })),
  );
}

/** Only the argoproj.io/v1alpha1 documents. */
export function argoFixtureDocuments(subdir: string): FixtureDocument[] {
  return fixtureDocuments(subdir).filter((d) => d.apiVersion === 'argoproj.io/v1alpha1');
}
