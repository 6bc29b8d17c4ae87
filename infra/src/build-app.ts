import {
  type BoundedContext,
  CONTEXTS,
  type DeploymentSettings,
  type StageSettings,
  stageSettings,
} from '@platform/topology';
import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DomainOutsideZoneError, UndeployableStageError } from './configuration-errors.ts';
import { checkFunctionNeeds } from './function-resources.ts';
import { IdentityStack } from './identity-stack.ts';
import { PaymentsStack } from './payments-stack.ts';

export const PROJECT_TAG = 'unified-identity-payments';

export interface BuildAppOptions {
  /** An app made by the caller (the CLI entry point, which lets `App` read `-c` context); a new one otherwise. */
  readonly app?: App;
  /** Cloud assembly directory of a new app. */
  readonly outdir?: string;
  /**
   * `false` skips esbuild (assets become placeholders), for tests about settings that do not depend on the code.
   * Only for a new app. Default: bundle.
   */
  readonly bundle?: boolean;
}

export interface PlatformApp {
  readonly app: App;
  readonly stage: StageSettings;
  readonly deployment: DeploymentSettings;
  readonly identity: IdentityStack;
  readonly payments: PaymentsStack;
}

const title = (context: BoundedContext): string => context.charAt(0).toUpperCase() + context.slice(1);

/** `Platform-dev-Identity`, `Platform-prod-Payments`. */
export const stackNameOf = (stage: StageSettings, context: BoundedContext): string =>
  `Platform-${stage.name}-${title(context)}`;

/** The stage's AWS settings, refused (with a `ConfigurationError`) if missing or inconsistent. */
export const deploymentOf = (stage: StageSettings): DeploymentSettings => {
  const deployment = stage.deployment;
  if (!deployment) throw new UndeployableStageError(stage);
  const zone = deployment.hostedZone.name;
  for (const context of CONTEXTS) {
    const { domainName } = deployment.domains[context];
    if (!domainName.endsWith(`.${zone}`)) throw new DomainOutsideZoneError(stage, domainName, zone);
  }
  return deployment;
};

/**
 * The whole CDK app for one stage, checked by cdk-nag's AwsSolutions pack. An unknown stage throws
 * `UnknownStageError`, a stage without deployment settings or a stale `FUNCTION_NEEDS` entry a `ConfigurationError`,
 * before anything is built.
 */
export const buildApp = (stageName: string, options: BuildAppOptions = {}): PlatformApp => {
  const stage = stageSettings(stageName);
  const deployment = deploymentOf(stage);
  checkFunctionNeeds();
  const app =
    options.app ??
    new App({
      ...(options.outdir === undefined ? {} : { outdir: options.outdir }),
      ...(options.bundle === false ? { context: { 'aws:cdk:bundling-stacks': [] } } : {}),
    });

  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  Tags.of(app).add('project', PROJECT_TAG);
  Tags.of(app).add('stage', stage.name);

  const stackProps = (context: BoundedContext) => ({
    stackName: stackNameOf(stage, context),
    stage,
    deployment,
    description: `${title(context)} context of the platform, stage ${stage.name}`,
  });
  const identity = new IdentityStack(app, stackNameOf(stage, 'identity'), stackProps('identity'));
  const payments = new PaymentsStack(app, stackNameOf(stage, 'payments'), stackProps('payments'));
  return { app, stage, deployment, identity, payments };
};
