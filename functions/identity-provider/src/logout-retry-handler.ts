import { identityProviderDependencies } from './dependencies.ts';
import type { IdentityAppDependencies } from './identity-app.ts';
import { retryLogoutDeliveries } from './logout/retry-logout-deliveries.ts';

/**
 * Scheduled entry (every minute): retries back-channel logouts that portals did not accept during sign-out. It
 * builds the same provider as the identity function, because each retry signs a fresh logout token.
 */
let dependencies: Promise<IdentityAppDependencies> | undefined;

export const handler = async () => {
  dependencies ??= identityProviderDependencies().catch((error: unknown) => {
    dependencies = undefined;
    throw error;
  });
  const { provider, logoutDeliveries, logger } = await dependencies;
  const outcome = await retryLogoutDeliveries(provider, logoutDeliveries, logger);
  if (outcome.delivered + outcome.rescheduled + outcome.gaveUp > 0)
    logger.info('back-channel logout retries', { ...outcome });
  return outcome;
};
