/** Emzano's production API origin: the default `api-base` of both elements. */
export const DEFAULT_API_BASE = 'https://api.emzano.com';

/** Where the host mounts `createClmHandler` by default: the `clm-endpoint` of the CLM elements. */
export const DEFAULT_CLM_ENDPOINT = '/api/emzano/clm';

/** Where the host mounts `createCertificateHandler` by default: `<emzano-certificate certificate-endpoint>`. */
export const DEFAULT_CERTIFICATE_ENDPOINT = '/api/emzano/certificate';
