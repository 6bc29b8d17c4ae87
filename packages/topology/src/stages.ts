/**
 * Deployment stages. `local` is the laptop (DynamoDB Local, no AWS account); the others are AWS accounts.
 * A stage name that is not listed here is refused with a message naming the known ones.
 */
export interface StageSettings {
  readonly name: string;
  /** Days CloudWatch keeps function logs. */
  readonly logRetentionDays: number;
  /** Whether tables survive `cdk destroy`; production data is never deleted by a stack operation. */
  readonly retainData: boolean;
  readonly deletionProtection: boolean;
}

export const STAGES: Readonly<Record<string, StageSettings>> = {
  local: { name: 'local', logRetentionDays: 7, retainData: false, deletionProtection: false },
  dev: { name: 'dev', logRetentionDays: 14, retainData: false, deletionProtection: false },
  staging: { name: 'staging', logRetentionDays: 90, retainData: true, deletionProtection: true },
  prod: { name: 'prod', logRetentionDays: 365, retainData: true, deletionProtection: true },
};

export class UnknownStageError extends Error {
  readonly stage: string;

  constructor(stage: string) {
    super(`Unknown stage "${stage}". Known stages: ${Object.keys(STAGES).join(', ')}.`);
    this.name = 'UnknownStageError';
    this.stage = stage;
  }
}

export const stageSettings = (name: string): StageSettings => {
  const settings = STAGES[name];
  if (!settings) throw new UnknownStageError(name);
  return settings;
};
