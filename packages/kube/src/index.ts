// @serin/kube — the I/O boundary over @kubernetes/client-node 1.4.0: client factory, typed clients,
// informers and caches, work queue, leader election, event recorder, clock and logger.
export { type Clock, type TimerHandle, sleep, systemClock } from './clock.js';
export { FakeClock, flushPromises } from './fake-clock.js';
export { type LogFields, LogFormat, LogLevel, type Logger, type LoggerOptions, createLogger, formatLogLine, parseLogFormat, parseLogLevel, redact, silentLogger } from './logger.js';
export { KubeError, StatusReason, isAlreadyExists, isConflict, isConnectionRefused, isGone, isNotFound, kubeErrorFromResponse, reasonForCode, toKubeError } from './errors.js';
export { DefaultBurst, DefaultQps, type RateLimiter, TokenBucket, createRateLimiter } from './rate-limiter.js';
export { type RequestCount, RequestCounter, type RequestInfo, type RequestLabels, RequestVerb, parseResourcePath, requestInfo } from './request-metrics.js';
export { MaxRequestRetries, retryAfterMs } from './retry-after.js';
export { type ClientNodeTransportOptions, HttpVerb, type RestRequest, type RestResponse, type Transport, type WatchEvent, type WatchHandle, clientNodeTransport, limitedHttpLibrary } from './transport.js';
export { type KubeConfigOptions, type KubeConfigSource, currentNamespace, kubeConfigForServer, loadKubeConfig, resolveKubeConfigSource } from './kubeconfig.js';
export { type KubeClient, type KubeClientOptions, createKubeClient } from './client-factory.js';
export { type ResourceDescriptor, Resources, apiVersionOf, istioResources, resourcePath } from './resources.js';
export { type KubeList, type KubeObject, type ObjectMetaLike, type OwnerRef, isRecord, objectKey, splitKey } from './object.js';
export type { CustomObject, KubeEvent, Lease, LeaseSpec, ObjectReference } from './wire-types.js';
export { ContentType, type DeleteOptions, type ListOptions, type MergePatch, type ResourceClient, type WriteOptions, resourceClient } from './resource-client.js';
export { type ResourceClients, type ResourceClientsOptions, createResourceClients } from './clients.js';
export { type IndexFunc, IndexName, type Lister, ObjectStore, type ReplaceDelta, namespaceIndex, ownerUidIndex } from './store.js';
export { type ListWatchOptions, type ListerWatcher, listWatch } from './list-watch.js';
export { DefaultRestartResetMs, Informer, type InformerHandlers, type InformerOptions, isWatchErrorRetriable } from './informer.js';
export { InformerFactory, type InformerFactoryOptions, selectorFor } from './informer-factory.js';
export { AnalysisRunUidLabel, ControllerInstanceIdLabel, PodTemplateHashLabel, instanceIdSelector, leaseLockName, matchesInstanceId } from './selectors.js';
export { DefaultBackoffBaseMs, DefaultBackoffMaxMs, ItemExponentialBackoff, backoffDelayMs } from './backoff.js';
export { WorkQueue, type WorkQueueOptions } from './work-queue.js';
export { type ReconcileOutcome, type ReconcileResult, StaleCacheError, StaleCacheRequeueDelayMs, type SyncHandler, type WorkerOptions, processNextWorkItem, runWorkers } from './worker.js';
export { AcquireJitterFactor, DefaultLeaseDurationMs, DefaultRenewDeadlineMs, DefaultRetryPeriodMs, type LeaderCallbacks, acquireRetryDelayMs, LeaderElector, type LeaderElectorOptions, defaultIdentity, microTime } from './leader-election.js';
export { EventCorrelator, type CorrelationResult } from './event-correlator.js';
export {
  ControllerAgentName,
  type EventOptions,
  type EventRecorder,
  type EventRecorderOptions,
  EventRetrySleepMs,
  EventType,
  MaxQueuedEvents,
  MaxTriesPerEvent,
  MemoryEventRecorder,
  type RecordedEvent,
  createEventRecorder,
  eventName,
  eventRetryDelayMs,
  eventTime,
  isEventWriteRetriable,
} from './event-recorder.js';
export { type Enqueuer, controllerOf, enqueueObject, enqueueParent, parentKey } from './enqueue.js';
export { ResourceVersionTracker, compareResourceVersion } from './resource-version-tracker.js';
