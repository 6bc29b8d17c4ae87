import { errors } from 'oidc-provider';

/**
 * `consume` lost: another caller consumed the record first (two token requests racing with one authorization code
 * or refresh token). An `invalid_grant` so that oidc-provider answers the loser with a 400, as it answers a
 * replayed code, and issues nothing; the winner proceeds.
 */
export class OidcRecordAlreadyConsumedError extends errors.InvalidGrant {
  readonly model: string;

  constructor(model: string) {
    super({ detail: `${model} was already consumed` });
    this.name = 'OidcRecordAlreadyConsumedError';
    this.model = model;
  }
}

/**
 * `consume` found nothing live to consume: the record was never stored, has expired, or was destroyed or revoked
 * since oidc-provider read it. Also an `invalid_grant`: the grant source is gone.
 */
export class OidcRecordNotFoundError extends errors.InvalidGrant {
  readonly model: string;

  constructor(model: string) {
    super({ detail: `${model} not found or expired` });
    this.name = 'OidcRecordNotFoundError';
    this.model = model;
  }
}
