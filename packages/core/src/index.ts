// @serin/core — pure deciders. No I/O, no clock, no randomness: time and state come in as arguments.
export * from './hash/index.js';
export * from './replica-set/index.js';
export * from './expr/index.js';
export * from './info/index.js';
export * from './cli/index.js';
export * from './rollout/index.js';
export * from './analysis/index.js';
export * from './istio/index.js';
export * from './experiment/index.js';
export * from './bluegreen/index.js';
