/** Refused planner input; `message` is printable as is (Kafka 0.9's wording where Kafka has one). */
export class PlannerError extends Error {
  override readonly name = 'PlannerError';
}
