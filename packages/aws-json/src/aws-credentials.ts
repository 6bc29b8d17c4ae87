import type { SigningCredentials } from './sigv4.ts';

export type CredentialsProvider = () => Promise<SigningCredentials>;

export class MissingCredentialsError extends Error {
  constructor() {
    super(
      'No AWS credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set. Lambda always sets them; for a ' +
        'command run by hand, export them first (for example `eval "$(aws configure export-credentials --format env)"`).',
    );
    this.name = 'MissingCredentialsError';
  }
}

/**
 * The credentials Lambda gives every function in its environment (the execution role's temporary keys), read on each
 * call so that a refreshed set is picked up. Functions need no other source, so no provider chain is bundled.
 */
export const environmentCredentials =
  (env: NodeJS.ProcessEnv = process.env): CredentialsProvider =>
  async () => {
    const accessKeyId = env.AWS_ACCESS_KEY_ID;
    const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
    if (!accessKeyId || !secretAccessKey) throw new MissingCredentialsError();
    return { accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN || undefined };
  };

/** DynamoDB Local and the other local stand-ins accept any credentials; fixed ones keep real keys out of the loop. */
export const LOCAL_CREDENTIALS: CredentialsProvider = async () => ({ accessKeyId: 'local', secretAccessKey: 'local' });
