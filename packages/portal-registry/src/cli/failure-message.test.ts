import { StorageUnavailableError } from '@platform/dynamodb';
import { describe, expect, it } from 'vitest';
import { RegistrationError } from '../registration-error.ts';
import { CliError } from './cli-error.ts';
import { failureMessage } from './failure-message.ts';

const local = {
  tableName: 't',
  clientEnv: {},
  description: 'local platform: table t on http://127.0.0.1:4300',
  local: true,
};
const deployed = { tableName: 't', clientEnv: {}, description: 'table t on AWS region cn-north-1', local: false };
const named = (name: string, message = 'denied'): Error => Object.assign(new Error(message), { name });

describe('failureMessage (the one line the CLI prints)', () => {
  it('shows a refused registration with its field and code', () => {
    const error = new RegistrationError('insecure_redirect_uri', 'must use https', 'redirectUris[0]');
    expect(failureMessage(error, local)).toBe('redirectUris[0]: must use https [insecure_redirect_uri]');
    expect(failureMessage(new CliError('bad option'), undefined)).toBe('bad option');
  });

  it('says where the store did not answer and what to check', () => {
    const down = new StorageUnavailableError(new Error('ECONNREFUSED'));
    expect(failureMessage(down, local)).toContain('is `npm start` still running?');
    expect(failureMessage(down, deployed)).toContain('(table t on AWS region cn-north-1); check the network');
    expect(failureMessage(named('ResourceNotFoundException'), deployed)).toContain('the identity table does not exist');
    expect(failureMessage(named('CredentialsProviderError', 'no profile'), deployed)).toContain(
      'no usable AWS credentials',
    );
    expect(failureMessage(named('AccessDeniedException'), deployed)).toContain('access denied');
  });

  it('leaves anything else to be reported as unexpected', () => {
    expect(failureMessage(new TypeError('x is undefined'), local)).toBeUndefined();
    expect(failureMessage('thrown string', local)).toBeUndefined();
  });
});
