// Types for manifests.mjs (the e2e suite applies the demo's own AnalysisTemplate).
export type MetricsSource = { kind: 'prometheus'; address: string } | { kind: 'web'; url: string };
export const NS: string;
export const ANALYSIS_STEP: number;
export const PROMQL: string;
export function IMAGE(tag: string): string;
export function analysisTemplate(metrics: MetricsSource): { metadata: { name: string; namespace: string } } & Record<string, unknown>;
export function demoApp(metrics: MetricsSource): ({ kind: string; metadata: { name: string; namespace?: string } } & Record<string, unknown>)[];
