// @serin/controller — reconcilers, manager, metrics, health; binary `serin-controller`.
export * from './rollout/index.js';
export * from './analysis/index.js';
