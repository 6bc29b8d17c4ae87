import { describe, expect, it } from 'vitest';
import { deliveryIdFor, isDeliveryId } from './webhook-delivery.ts';
import { checkEventTypes, checkWebhookUrl, newWebhookEndpoint, publicEndpoint } from './webhook-endpoint.ts';
import { WebhookError } from './webhook-errors.ts';

describe('webhook endpoints', () => {
  it('takes https URLs, and plain http on loopback only', () => {
    expect(checkWebhookUrl('https://dept.example.gov.cn/hooks')).toBe('https://dept.example.gov.cn/hooks');
    expect(checkWebhookUrl('http://127.0.0.1:8080/hook')).toBe('http://127.0.0.1:8080/hook');
    for (const url of ['http://dept.example.gov.cn/hook', 'ftp://x/', 'https://u:p@x/', 'https://x/#f', 'nope', 7]) {
      expect(() => checkWebhookUrl(url)).toThrowError(WebhookError);
    }
  });

  it('takes a non-empty list of known event types', () => {
    expect(checkEventTypes(['notice.paid', 'notice.paid'])).toEqual(['notice.paid']);
    for (const types of [[], ['notice.issued'], 'notice.paid', undefined]) {
      expect(() => checkEventTypes(types)).toThrowError(WebhookError);
    }
  });

  it('generates a whsec_ secret server-side and never shows it after creation', () => {
    const endpoint = newWebhookEndpoint({ url: 'https://x.example/h', eventTypes: ['notice.paid'] }, 'd1', new Date());
    expect(endpoint.secrets[0]).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(publicEndpoint(endpoint))).not.toContain('whsec_');
  });
});

describe('delivery ids', () => {
  it('are the same for the same event and endpoint, and differ otherwise', () => {
    const id = deliveryIdFor('n1:2', 'we_a');
    expect(isDeliveryId(id)).toBe(true);
    expect(deliveryIdFor('n1:2', 'we_a')).toBe(id);
    expect(deliveryIdFor('n1:2', 'we_b')).not.toBe(id);
    expect(deliveryIdFor('n1:3', 'we_a')).not.toBe(id);
  });
});
