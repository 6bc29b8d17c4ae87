import { UnknownStageError } from '@platform/topology';
import { App } from 'aws-cdk-lib';
import { buildApp } from '../src/build-app.ts';
import { ConfigurationError } from '../src/configuration-errors.ts';

// `App` reads the CLI's context (`-c stage=prod`, else cdk.json's "stage").
const app = new App();
const stage = String(app.node.tryGetContext('stage') ?? 'dev');

try {
  buildApp(stage, { app });
} catch (error) {
  // A wrong stage or topology is the user's to fix: one line, no stack trace. Anything else is a bug: throw.
  if (error instanceof UnknownStageError) console.error(`error: ${error.message} Use -c stage=<name>.`);
  else if (error instanceof ConfigurationError) console.error(`error: ${error.message}`);
  else throw error;
  process.exit(1);
}
