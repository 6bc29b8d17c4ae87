import { localRuntimeEnvironment, reconciliationFromEnvironment } from '../runtime/reconciliation-environment.ts';
import { runReconcileCommand } from './reconcile-command.ts';

/**
 * Entry of `npm run reconcile`. Beside `npm start` it reads `.local/endpoints.json` and the channels' credentials the
 * local runtime wrote (`LOCAL_STATE_DIR`, default `.local`); in AWS the environment alone (`PAYMENTS_TABLE`,
 * `STATEMENTS_BUCKET`, the channels' variables) configures it.
 */
const env = localRuntimeEnvironment(process.env.LOCAL_STATE_DIR ?? '.local');
const runtime = reconciliationFromEnvironment(env);
process.exitCode = await runReconcileCommand(process.argv.slice(2), runtime, {
  stdout: process.stdout,
  stderr: process.stderr,
});
