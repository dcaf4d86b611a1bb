/** Types for demo-server.mjs, which the lane runner and the end-to-end tests share. */
export function startDemoServer(options?: { built?: boolean }): Promise<{ url: string; close(): Promise<void> }>;
