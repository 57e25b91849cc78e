export {
  AgencyClient,
  HttpProblem,
  secondFactorSetUpHere,
  type Appended,
  type BodyFor,
  type CaseView,
  type CommandPathName,
  type Problem,
  type RawResponse,
} from './client.js';
export { ControllableClock, DAY, HOUR } from './clock.js';
export { startCluster, type Cluster, type ClusterOptions } from './cluster.js';
export { openPostgres, openSqlite, scenarioEngines, type Engine, type OpenedStore } from './engines.js';
export { makeMobile, makeResidentId, makeUscc } from './identities.js';
export { DEMO_PASSWORD, DEMO_ROLES, demoHandlerName, demoUsers, ensureDemoUsers, type DemoUser } from './users.js';
export { demoCases, loadDemo, type DemoLoadResult, type LoadDemoOptions } from './demo/load.js';
export { DEMO_DAYS, demoAnchor, demoEpoch } from './demo/script.js';
export type { DemoCase } from './demo/cases-chain.js';
export { seededRandom } from './random.js';
export { openCaseWithLead, type Send } from './traffic.js';
