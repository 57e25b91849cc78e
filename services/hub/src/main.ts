import { runHubMain } from './server.js';

await runHubMain();
