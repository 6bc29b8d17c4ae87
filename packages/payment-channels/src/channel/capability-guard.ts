import type { ChannelCapability, ChannelId } from './capabilities.ts';
import { ChannelUnsupportedError } from './channel-errors.ts';

/** Throws `ChannelUnsupportedError` unless the adapter declared `capability`. Call it first in every method. */
export const requireCapability = (
  channel: ChannelId,
  capabilities: ReadonlySet<ChannelCapability>,
  capability: ChannelCapability,
): void => {
  if (!capabilities.has(capability)) throw new ChannelUnsupportedError(channel, capability);
};
