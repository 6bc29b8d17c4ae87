import type { StageSettings } from '@platform/topology';
import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { UnsupportedLogRetentionError } from './configuration-errors.ts';

/** What a stack operation may do to stored data (tables, log groups) in a stage. */
export const removalPolicyOf = (stage: StageSettings): RemovalPolicy =>
  stage.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

/** CloudWatch Logs only accepts a fixed set of retention periods; a stage naming another is refused at synth. */
export const logRetentionOf = (stage: StageSettings): RetentionDays => {
  const retention = Object.values(RetentionDays).find((days) => days === stage.logRetentionDays);
  if (typeof retention !== 'number') throw new UnsupportedLogRetentionError(stage);
  return retention;
};
