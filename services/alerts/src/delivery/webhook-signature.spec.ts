import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { newWebhookSecret, signWebhook } from './webhook-signature';

describe('signWebhook (checked with the standardwebhooks reference verifier)', () => {
  const body = JSON.stringify({ type: 'alert.raised', alertId: 'al_1', adId: 'ad_1', level: 'high', score: 80 });

  it('makes headers the official verifier accepts', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const headers = signWebhook([secret], { id: 'msg_1', timestamp: new Date(), body });
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('signs with every current secret, so either verifies during a rotation', () => {
    const previous = newWebhookSecret();
    const next = newWebhookSecret();
    const headers = signWebhook([next, previous], { id: 'msg_2', timestamp: new Date(), body });
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(previous).verify(body, headers)).toBeTruthy();
    expect(new Webhook(next).verify(body, headers)).toBeTruthy();
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow(WebhookVerificationError);
  });

  it('is refused when the body, id or timestamp is changed', () => {
    const secret = newWebhookSecret();
    const headers = signWebhook([secret], { id: 'msg_3', timestamp: new Date(), body });
    const verifier = new Webhook(secret);
    expect(() => verifier.verify(body.replace('80', '99'), headers)).toThrow(WebhookVerificationError);
    expect(() => verifier.verify(body, { ...headers, 'webhook-id': 'msg_4' })).toThrow(WebhookVerificationError);
    const old = signWebhook([secret], { id: 'msg_3', timestamp: new Date(Date.now() - 3_600_000), body });
    expect(() => verifier.verify(body, old)).toThrow(WebhookVerificationError);
  });
});
