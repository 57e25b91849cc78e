/**
 * The shapes of the hub's answers that a client reads, free of the hub's server code: the web
 * console imports them as `@hub/hub-service/wire`.
 */
export * from './read-models/rectifications/wire.js';
export * from './read-models/meetings/wire.js';
