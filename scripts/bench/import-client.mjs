// @ts-check
/** What the cold-start bench times on each runtime: loading `@rollcall/client`, nothing else. */
await import('@rollcall/client');
