/** Where the live feed stands (its own file, free of the browser, so plain specs can use the type). */
export type FeedStatus = 'connecting' | 'catching-up' | 'live' | 'offline' | 'refused';
