export * from './types.js';
export { offlineSelector } from './offline.js';
export { reassignedSelector } from './reassigned.js';
export { preferredSelector } from './preferred.js';
export { controlledShutdownSelector } from './controlled-shutdown.js';
export { noopSelector } from './noop.js';
