import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  createCertificateSignIn,
  createChallengeIssuer,
  createInMemoryChallengeStore,
  signWithPrivateKey,
} from '@platform/enterprise-certificates';
import { createCertificateScenario, createTestRootCa } from '@platform/enterprise-certificates/test-support';
import { createLogger } from '@platform/logging';
import { createAuditTrail, createInMemoryAuditEventStore } from '@platform/real-name';
import { describe, expect, it, vi } from 'vitest';
import type { LegalPersonStore } from '../legal-persons/legal-person.ts';
import { CERTIFICATE_SIGN_IN_TRAIL, createCertificateInteraction } from './certificate-interaction.ts';

const NOW = Date.parse('2026-03-01T02:00:00.000Z');
const DAY = 86_400_000;

/**
 * Refused certificate sign-ins, each of the issue's cases: the person sees the reason (400, a new challenge), the
 * platform's certificate trail gets an entry with the code and no certificate data, and nobody is signed in or created.
 */
const setUp = () => {
  const scenario = createCertificateScenario({ algorithm: 'RSA', now: NOW });
  const signIn = createCertificateSignIn({
    verifier: scenario.verifier,
    challenges: createChallengeIssuer({
      origin: 'https://id.example.gov.cn',
      ttlSeconds: 300,
      store: createInMemoryChallengeStore({ now: () => NOW }),
      now: () => NOW,
    }),
  });
  const audit = createAuditTrail({ store: createInMemoryAuditEventStore(), logger: createLogger({ write: () => {} }) });
  const legalPersons: LegalPersonStore = {
    findBySub: vi.fn(async () => undefined),
    findOrCreateByUscc: vi.fn(async () => {
      throw new Error('a refused sign-in must not create a company');
    }),
  };
  const interactionSaved = vi.fn();
  const sent: { status: number; body: string }[] = [];
  const interaction = createCertificateInteraction(
    {
      certificateSignIn: signIn,
      legalPersons,
      audit,
      logger: createLogger({ write: () => {} }),
      secureCookies: true,
    },
    {
      send: (_response, status, body) => void sent.push({ status, body }),
      portalName: async () => '测试门户',
      switchHref: () => '/switch',
      clientIp: () => '127.0.0.1',
    },
  );
  const details = {
    uid: 'uid-1',
    params: { client_id: 'tax-portal' },
    prompt: { name: 'login' },
    save: interactionSaved,
  } as never;
  const request = { headers: {} } as IncomingMessage;
  const response = {} as ServerResponse;

  /** Starts a challenge (as the GET does), then posts this chain with a signature by `signer` over the challenge. */
  const attempt = async (
    chainPem: string[],
    signer: Parameters<typeof signWithPrivateKey>[0],
    challengeId?: string,
  ) => {
    const challenge = await signIn.start();
    const signature = signWithPrivateKey(signer, challenge.message)?.signature.toString('base64url') ?? '';
    const form = new URLSearchParams({
      challenge: challengeId ?? challenge.id,
      chain: chainPem.join('\n'),
      signature,
    });
    await interaction.submit(request, response, details, 'zh-CN', form);
    return { challengeId: challenge.id, form };
  };
  return { scenario, audit, legalPersons, interactionSaved, sent, attempt, interaction, request, response, details };
};

const trailCodes = async (audit: ReturnType<typeof setUp>['audit']) =>
  (await audit.listForSubject(CERTIFICATE_SIGN_IN_TRAIL, { limit: 100 })).events.map((event) => {
    expect(event).toMatchObject({ type: 'certificate_sign_in_refused', portal: 'tax-portal' });
    return (event as { errorCode: string }).errorCode;
  });

describe('refused enterprise certificate sign-ins', () => {
  it.each([
    [
      'an expired certificate',
      'certificate_expired',
      (s: ReturnType<typeof setUp>['scenario']) =>
        s.intermediate.issueLeaf({ notBefore: NOW - 400 * DAY, notAfter: NOW - DAY }),
    ],
    [
      'a revoked certificate',
      'certificate_revoked',
      (s: ReturnType<typeof setUp>['scenario']) => {
        const leaf = s.intermediate.issueLeaf();
        s.publishCrls({ intermediate: [leaf.serialNumber] });
        return leaf;
      },
    ],
  ])('%s: the reason on the page, an audit entry, nobody signed in', async (_case, code, makeLeaf) => {
    const setup = setUp();
    const leaf = makeLeaf(setup.scenario);
    await setup.attempt([leaf.pem, setup.scenario.intermediate.certificate.pem], leaf.keys.privateKey);
    expect(setup.sent.at(-1)?.status).toBe(400);
    expect(setup.sent.at(-1)?.body).toContain('id="error"');
    expect(await trailCodes(setup.audit)).toEqual([code]);
    expect(setup.interactionSaved).not.toHaveBeenCalled();
    expect(setup.legalPersons.findOrCreateByUscc).not.toHaveBeenCalled();
  });

  it('a certificate of another CA, a signature by another key and a replayed challenge: one entry each', async () => {
    const setup = setUp();
    const { scenario } = setup;
    const rogue = createTestRootCa({ algorithm: 'RSA', name: 'Rogue Root', now: NOW }).issueIntermediate();
    const rogueLeaf = rogue.issueLeaf();
    await setup.attempt([rogueLeaf.pem, rogue.certificate.pem], rogueLeaf.keys.privateKey);

    const leaf = scenario.intermediate.issueLeaf();
    const chain = [leaf.pem, scenario.intermediate.certificate.pem];
    const stranger = createTestRootCa({ algorithm: 'RSA', name: 'Stranger', now: NOW }).keys.privateKey;
    const { challengeId } = await setup.attempt(chain, stranger);
    await setup.attempt(chain, leaf.keys.privateKey, challengeId);

    expect((await trailCodes(setup.audit)).reverse()).toEqual([
      'certificate_untrusted',
      'challenge_signature_invalid',
      'challenge_replayed',
    ]);
    expect(setup.sent.map((page) => page.status)).toEqual([400, 400, 400]);
    expect(setup.interactionSaved).not.toHaveBeenCalled();
    expect(setup.legalPersons.findOrCreateByUscc).not.toHaveBeenCalled();
    const stored = JSON.stringify((await setup.audit.listForSubject(CERTIFICATE_SIGN_IN_TRAIL)).events);
    expect(stored).not.toContain('BEGIN CERTIFICATE');
  });
});
