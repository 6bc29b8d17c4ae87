import type { FunctionDefinition, StageSettings } from '@platform/topology';

/**
 * The topology or the stage settings ask for something the app can not build. The CLI entry point prints these as
 * one line, without a stack trace: the fix is in the topology, not in the infra code.
 */
export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigurationError';
  }
}

export class MissingEntryError extends ConfigurationError {
  constructor(fn: FunctionDefinition) {
    super(`Function "${fn.id}" names the entry ${fn.entry}, which does not exist. Create it or fix the topology.`);
    this.name = 'MissingEntryError';
  }
}

export class ForeignTableError extends ConfigurationError {
  constructor(fn: FunctionDefinition, table: string) {
    super(
      `Function "${fn.id}" of the ${fn.context} context asks for table "${table}", which is not a table of that ` +
        'context. Contexts share no tables; call the other context through its API instead.',
    );
    this.name = 'ForeignTableError';
  }
}

export class UnsupportedLogRetentionError extends ConfigurationError {
  constructor(stage: StageSettings) {
    super(
      `Stage "${stage.name}" keeps logs ${stage.logRetentionDays} days, which CloudWatch Logs does not offer. ` +
        'Use one of its retention periods (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, ... days).',
    );
    this.name = 'UnsupportedLogRetentionError';
  }
}
