/** Types for demo-server.mjs, which the lane runner and the end-to-end tests share. */
export function startDemoServer(options?: { built?: boolean }): Promise<{ url: string; close(): Promise<void> }>;
export const DEMO_SCOPE_COOKIE: string;
export function demoScopeOf(cookieHeader: string | undefined): string | undefined;
