import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { latestSmsCode } from './user-agent.ts';

/**
 * Debian's Chromium driven by playwright-core, with the flags this machine needs (no sandbox as root, nothing that
 * reaches for the network) and a fresh profile that is deleted afterwards.
 */
export const launchBrowser = async (): Promise<{ context: BrowserContext; close(): Promise<void> }> => {
  const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    locale: 'zh-CN',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
};

/** Who signs in through the provider's pages with an ID number + name check. */
export interface VerifiedPerson {
  readonly phone: string;
  readonly name: string;
  readonly citizenId: string;
}

/**
 * From a page's sign-in button through the provider's pages: phone and SMS code (read from the local SMS sandbox
 * at `identityUrl`), the ID number + name check, and consent (the full ID number is released only with the person's
 * consent to that very request).
 */
export const signInWithIdCheck = async (page: Page, identityUrl: string, person: VerifiedPerson): Promise<void> => {
  await page.click('#sign-in');
  await page.fill('#phone', person.phone);
  await page.click('#send-code');
  await page.fill('#code', await latestSmsCode(identityUrl, person.phone));
  await page.click('#verify');
  await page.fill('#name', person.name);
  await page.fill('#citizen-id', person.citizenId);
  await page.click('#verify-identity');
  await page.click('#allow');
};

/**
 * The demo portal's signed-in page, once it shows: its ID token's `acr` is `acr` and its `amr` names each of
 * `methods` (the portal prints both claims).
 */
export const expectSignedInAt = async (page: Page, acr: string, methods: readonly string[]): Promise<void> => {
  await page.waitForSelector('#signed-in');
  expect(await page.textContent('#claim-acr')).toContain(acr);
  const amr = (await page.textContent('#claim-amr')) ?? '';
  for (const method of methods) expect(amr).toContain(method);
};
