export * from '@event-driven-io/emmett-sqlite';
export { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
