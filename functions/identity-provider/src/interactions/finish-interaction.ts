import type { ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { InteractionResults } from 'oidc-provider';

export type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

/** Saves the result into the interaction (as `interactionResult` does) without redirecting. */
export const saveInteractionResult = async (
  interaction: Interaction,
  result: InteractionResults,
  { mergeWithLastSubmission }: { mergeWithLastSubmission: boolean },
): Promise<void> => {
  interaction.result =
    mergeWithLastSubmission && !('error' in result) ? { ...interaction.lastSubmission, ...result } : result;
  await interaction.save(interaction.exp - Math.floor(Date.now() / 1000));
};

/**
 * `provider.interactionFinished` for the interaction this request has already loaded with `interactionDetails`.
 * oidc-provider's own reads the interaction again by its cookie, and the session it belongs to: two storage round
 * trips that repeat, within one request, the checks `interactionDetails` has just made. The resume that follows
 * checks the interaction against the browser's session cookie again, so nothing is skipped across requests.
 */
export const finishInteraction = async (
  response: ServerResponse,
  interaction: Interaction,
  result: InteractionResults,
  options: { mergeWithLastSubmission: boolean },
): Promise<void> => {
  await saveInteractionResult(interaction, result, options);
  response.writeHead(303, { location: interaction.returnTo, 'content-length': '0' });
  response.end();
};
