// Public entry point of the reassignment planner: pure functions, no I/O.
export type { PlannerBroker, TopicAssignments, PlanInput, BrokerLoad, PlanStats, PlanResult } from './types.js';
export { PlannerError } from './errors.js';
export { planMinimal } from './minimal.js';
export { planStats } from './stats.js';
