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

export class ForeignResourceError extends ConfigurationError {
  constructor(fn: FunctionDefinition, need: string, owner: string) {
    super(
      `Function "${fn.id}" of the ${fn.context} context needs "${need}", which belongs to the ${owner} context. ` +
        'Contexts share no secrets or keys; call the other context through its API instead.',
    );
    this.name = 'ForeignResourceError';
  }
}

export class UnknownFunctionError extends ConfigurationError {
  constructor(id: string) {
    super(`infra/src/function-resources.ts lists needs of "${id}", which is not a function of the topology.`);
    this.name = 'UnknownFunctionError';
  }
}

export class UndeployableStageError extends ConfigurationError {
  constructor(stage: StageSettings) {
    super(
      `Stage "${stage.name}" has no deployment settings (public domains, hosted zone, SMS): it runs on this machine ` +
        'with `npm start`. Deploy one of the AWS stages, or add `deployment` to the stage in the topology.',
    );
    this.name = 'UndeployableStageError';
  }
}

export class DomainOutsideZoneError extends ConfigurationError {
  constructor(stage: StageSettings, domainName: string, zoneName: string) {
    super(
      `Stage "${stage.name}" puts ${domainName} in the hosted zone ${zoneName}, which can not hold it. ` +
        'Use a domain under the zone, or another zone.',
    );
    this.name = 'DomainOutsideZoneError';
  }
}
