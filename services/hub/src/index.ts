export { createHub, HUB_NAME, type Hub, type HubOptions } from './hub.js';
export { startHubServer, runHubMain, parseAgencyUrls, HUB_DEFAULT_PORT, HUB_VARIABLES, type RunningHubServer } from './server.js';
export type { HubContext, HubRoutes } from './context.js';
export { HubKeys } from './keys.js';
export * from './access.js';
export { maskData, MASKED } from './mask.js';
export { subjectOf, meetingStream, warningStream, type Subject, type SubjectKind } from './streams.js';
export { hubProjections } from './read-models/index.js';
export * from './live/index.js';
