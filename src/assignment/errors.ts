/** Why an assignment was refused; lets callers map errors without matching message text. */
export type AssignmentErrorCode =
  | 'INVALID_PARTITIONS'
  | 'INVALID_REPLICATION_FACTOR'
  | 'INCOMPLETE_RACK_INFO'
  | 'INVALID_ARGUMENT'
  | 'MISSING_PARTITION_ZERO'
  | 'PARTITIONS_NOT_INCREASED';

/**
 * Raised for every refused assignment. `message` is Kafka 0.9's text where Kafka has one,
 * so commands can print it unchanged after their error prefix.
 */
export class AssignmentError extends Error {
  override readonly name = 'AssignmentError';
  constructor(readonly code: AssignmentErrorCode, message: string) {
    super(message);
  }
}
