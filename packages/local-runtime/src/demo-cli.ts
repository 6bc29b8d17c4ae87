import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createDocumentClient, type DocumentClient } from '@platform/dynamodb';
import { formatVerificationCode } from '@platform/fiscal-receipts';
import { PortalRegistry } from '@platform/portal-registry';
import { SANDBOX_PEOPLE } from '@platform/real-name';
import { ensureDemoDepartment } from './demo/demo-department.ts';
import { findDemoReceipt } from './demo/find-demo-receipt.ts';
import { issueDemoNotice } from './demo/issue-demo-notice.ts';
import type { LocalEndpoints } from './local-network.ts';

const USAGE = `Usage: npm run demo -- issue-notice [--amount <fen>] [--payer <sandbox person's name>]
       npm run demo -- receipt <payment code>

Works on the platform of \`npm start\` (found through LOCAL_STATE_DIR, default .local/).
  issue-notice  issues one payment notice as a collecting department would: registers the demo department
                (bj-public-security) at the provider on first use, takes a client-credentials token and calls
                POST /v1/notices. Prints the payment code and the cashier URL.
      --amount  in fen, 2000 to 20000000 (default 5000 = ¥50.00; the last two digits choose the sandbox's behaviour)
      --payer   a person of the sandbox registry (default 张三, who signs in at /my with 13800000001)
  receipt       prints the fiscal receipt of a paid notice: its number, verification code and page URL.`;

const repositoryRoot = resolve(import.meta.dirname, '../../..');

const fail = (message: string): never => {
  process.stderr.write(`error: ${message}\n`);
  process.exit(1);
};

const issueNotice = async (
  endpoints: LocalEndpoints,
  documents: DocumentClient,
  stateDir: string,
  options: { amount?: string | undefined; payer?: string | undefined },
): Promise<string[]> => {
  const amountFen = Number(options.amount ?? 5000);
  if (!Number.isSafeInteger(amountFen)) return fail(`--amount must be a whole number of fen.\n${USAGE}`);
  const payerName = options.payer ?? '张三';
  const person = SANDBOX_PEOPLE.find((candidate) => candidate.name === payerName);
  if (!person) return fail(`the sandbox registry has no ${payerName} (packages/real-name/README.md lists them)`);
  const registry = new PortalRegistry({ documents, tableName: endpoints.tables.IDENTITY_TABLE as string });
  const notice = await issueDemoNotice({
    identity: endpoints.identity,
    payments: endpoints.payments,
    key: await ensureDemoDepartment(registry, stateDir),
    amountFen,
    payer: { idNumber: person.citizenId, name: person.name },
  });
  return [
    `Notice ${notice.noticeId} issued to ${person.name} for ¥${(notice.amountFen / 100).toFixed(2)}`,
    `  payment code  ${notice.paymentCode}`,
    `  pay at        ${notice.payUrl}`,
  ];
};

const showReceipt = async (
  endpoints: LocalEndpoints,
  documents: DocumentClient,
  stateDir: string,
  paymentCode: string | undefined,
): Promise<string[]> => {
  if (!paymentCode) return fail(`receipt needs the notice's payment code.\n${USAGE}`);
  const receipt = await findDemoReceipt({
    documents,
    paymentsTable: endpoints.tables.PAYMENTS_TABLE as string,
    stateDir,
    paymentCode,
  });
  const { receiptNumber } = receipt.document;
  const page = `${endpoints.payments}/receipts/${receiptNumber}?code=${receipt.verificationCode}`;
  return [
    `Receipt ${receiptNumber} (${receipt.status})`,
    `  verification code  ${formatVerificationCode(receipt.verificationCode)}`,
    `  page               ${page}`,
    `  PDF                ${endpoints.payments}/receipts/${receiptNumber}/pdf?code=${receipt.verificationCode}`,
    `  verify anyone's    ${endpoints.payments}/receipts/verify`,
  ];
};

const main = async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { amount: { type: 'string' }, payer: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const [command, argument] = positionals;
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  if (command !== 'issue-notice' && command !== 'receipt') {
    process.stderr.write(`${USAGE}\n`);
    return process.exit(2);
  }
  const stateDir = resolve(process.env.LOCAL_STATE_DIR || join(repositoryRoot, '.local'));
  const file = join(stateDir, 'endpoints.json');
  if (!existsSync(file)) return fail(`no local platform found (${file} is missing): run \`npm start\` first`);
  const endpoints = JSON.parse(readFileSync(file, 'utf8')) as LocalEndpoints;
  const documents = createDocumentClient({ DYNAMODB_ENDPOINT: endpoints.dynamodb, AWS_REGION: 'local' });
  try {
    const lines =
      command === 'issue-notice'
        ? await issueNotice(endpoints, documents, stateDir, values)
        : await showReceipt(endpoints, documents, stateDir, argument);
    process.stdout.write(`${lines.join('\n')}\n`);
  } catch (error) {
    const cause = (error as Error & { cause?: { code?: string } }).cause;
    if (cause?.code === 'ECONNREFUSED') return fail(`the platform of ${file} is not running: run \`npm start\` first`);
    return fail((error as Error).message);
  } finally {
    documents.destroy();
  }
};

await main();
