import { httpHandler } from '@platform/http';
import { createLogger } from '@platform/logging';
import { healthDependencies } from './dependencies.ts';
import { createHealthHandler } from './health-handler.ts';

const dependencies = healthDependencies();

export const handler = httpHandler(
  createLogger({ fields: { fn: `${dependencies.context}-health` } }),
  createHealthHandler(dependencies),
);
