/** `AWS_ENDPOINT_URL_<SERVICE>` or else `AWS_ENDPOINT_URL`: a stand-in to send the service's requests to. */
export const endpointOverride = (service: string, env: NodeJS.ProcessEnv = process.env): string | undefined =>
  env[`AWS_ENDPOINT_URL_${service.toUpperCase().replace(/-/g, '_')}`] ?? env.AWS_ENDPOINT_URL;

/**
 * The regional endpoint of an AWS service: `https://<service>.<region>.amazonaws.com`, or `.amazonaws.com.cn` in the
 * China regions (`cn-north-1`, `cn-northwest-1`), where a province would deploy. `AWS_ENDPOINT_URL_<SERVICE>` and
 * `AWS_ENDPOINT_URL` override it, as they do for the SDK.
 */
export const serviceEndpoint = (service: string, region: string, env: NodeJS.ProcessEnv = process.env): string => {
  const override = endpointOverride(service, env);
  if (override) return override;
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://${service}.${region}.${suffix}`;
};

export class MissingRegionError extends Error {
  constructor() {
    super('AWS_REGION is not set: Lambda always sets it; set it for a command run by hand.');
    this.name = 'MissingRegionError';
  }
}

export const regionOf = (env: NodeJS.ProcessEnv = process.env): string => {
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region) throw new MissingRegionError();
  return region;
};
