import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payThroughSandbox } from '../support/cashier.ts';
import { runCli } from '../support/cli-process.ts';
import { type RuntimeProcess, startLocalRuntime } from '../support/local-runtime-process.ts';

/** `npm run demo -- …` against a running local platform, as the README tells a newcomer to use it. */
describe('npm run demo', () => {
  let runtime: RuntimeProcess;

  beforeAll(async () => {
    runtime = await startLocalRuntime();
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  const demo = (...args: string[]) =>
    runCli('packages/local-runtime/src/demo-cli.ts', args, { ...process.env, LOCAL_STATE_DIR: runtime.stateDir });

  const issued = (stdout: string) => ({
    code: /payment code {2}([\d ]{20,})/.exec(stdout)?.[1]?.trim().replaceAll(' ', '') as string,
    url: /pay at {8}(\S+)/.exec(stdout)?.[1] as string,
  });

  it('registers the demo department once, issues payable notices, and shows the receipt once paid', async () => {
    const first = await demo('issue-notice');
    expect(first.stdout, first.stderr).toContain('issued to 张三 for ¥50.00');
    const { code, url } = issued(first.stdout);
    expect(code).toMatch(/^\d{20}$/);
    expect(url).toBe(`${runtime.endpoints.payments}/pay/${code}`);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('50.00');

    // The second run signs in with the key the first one kept.
    const second = await demo('issue-notice', '--amount', '12300', '--payer', '李四');
    expect(second.stdout, second.stderr).toContain('issued to 李四 for ¥123.00');
    expect(issued(second.stdout).code).not.toBe(code);

    // Paid through the sandbox, the notice gets its receipt, whose page opens with the code the demo prints.
    expect((await payThroughSandbox(runtime.endpoints.payments, code)).paid.status).toBe(303);
    await expect
      .poll(async () => (await demo('receipt', code)).stdout, { timeout: 30_000, interval: 500 })
      .toMatch(/verification code {2}[0-9A-Z]{4}-/);
    const receipt = await demo('receipt', code);
    const shown = await fetch(/page {15}(\S+)/.exec(receipt.stdout)?.[1] as string);
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain('50.00');
  });

  it('says what is wrong in one line', async () => {
    const unknown = await demo('issue-notice', '--payer', '无名氏');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^error: the sandbox registry has no 无名氏/);
    expect((await demo('issue-notice', '--amount', '1')).stderr).toContain('amount_outside_item_range');
    const noReceipt = await demo('receipt', '11000000000000000000');
    expect(noReceipt.code).toBe(1);
    expect(noReceipt.stderr).toMatch(/^error: /);
  });
});
