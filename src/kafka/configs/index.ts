// The topic-config catalog (data) and its checks by Kafka release line.
export { TOPIC_CONFIG_CATALOG, type CatalogEntry, type ConfigEra, type ConfigType } from './catalog.js';
export {
  TopicConfigError,
  checkTopicConfigValue,
  closestTopicConfig,
  topicConfigEntry,
  topicConfigNames,
  unknownConfigError,
  validateDeleteConfigNamesFor,
  validateTopicConfigsFor,
} from './validate.js';
