export { LiveFeed, type LiveFeedStats } from './feed.js';
export type { LiveFeedOptions } from './settings.js';
export {
  clientMessageSchema,
  CloseCode,
  LIVE_PATH,
  type After,
  type ClientMessage,
  type FeedScope,
  type ServerMessage,
  type WirePosition,
} from './protocol.js';
export { LiveClient, LiveConnectError, LiveSubscription, type LiveClientOptions, type SubscriptionHandlers } from './client.js';
