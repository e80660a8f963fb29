/** Demo users, the demo register (Kent's providers) and pathways for the demo. */
export { describeCredentials, isEmpty, seedDemo, seedDemoPathways, seedDemoProviders, writeCredentialsFile } from './seed.js';
