// Topic name rules checked on create (Kafka 0.9 messages; 249-character limit from 0.10, because
// longer names cannot be used as log directory names `<topic>-<partition>`).
import { TopicCommandError } from './errors.js';

export const MAX_TOPIC_NAME_LENGTH = 249;
const LEGAL = /^[a-zA-Z0-9._-]+$/;

export const COLLISION_WARNING =
  "WARNING: Due to limitations in metric names, topics with a period ('.') or underscore ('_') could collide. To avoid issues it is best to use either, but not both.";

/** Throws Kafka's InvalidTopicException text when `topic` is not a legal name. */
export function validateTopicName(topic: string): void {
  if (topic.length === 0) throw new TopicCommandError("topic name is illegal, can't be empty");
  if (topic === '.' || topic === '..') throw new TopicCommandError('topic name cannot be "." or ".."');
  if (topic.length > MAX_TOPIC_NAME_LENGTH) {
    throw new TopicCommandError(`topic name is illegal, can't be longer than ${MAX_TOPIC_NAME_LENGTH} characters`);
  }
  if (!LEGAL.test(topic)) {
    throw new TopicCommandError(`topic name ${topic} is illegal, contains a character other than ASCII alphanumerics, '.', '_' and '-'`);
  }
}

/** '.' and '_' map to the same metric name, so names containing either may collide. */
export const hasCollisionChars = (topic: string): boolean => topic.includes('.') || topic.includes('_');

const metricName = (t: string): string => t.replace(/\./g, '_');

/** Other topics whose metric name equals `topic`'s, sorted. */
export function collidingTopics(topic: string, existing: Iterable<string>): string[] {
  if (!hasCollisionChars(topic)) return [];
  const m = metricName(topic);
  return [...existing].filter((t) => t !== topic && metricName(t) === m).sort();
}

export function collisionError(topic: string, colliding: readonly string[]): TopicCommandError {
  return new TopicCommandError(`Topic "${topic}" collides with existing topics: ${colliding.join(', ')}`);
}
