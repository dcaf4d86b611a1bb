/** Emzano's production API origin: the default `api-base` of both elements. */
export const DEFAULT_API_BASE = 'https://api.emzano.com';
