import { WebhookReceiver } from '@lantern/testing';
import { WebhookSender } from './webhook-sender';

/** The sender against a real loopback server: SSRF refusal without connecting, and connections pinned to the checked address. */
describe('WebhookSender', () => {
  let receiver: WebhookReceiver;
  let url: string;

  beforeEach(async () => {
    receiver = new WebhookReceiver();
    url = await receiver.start();
  });

  afterEach(() => receiver.stop());

  const post = (sender: WebhookSender, target: string) => sender.send({ url: target, headers: { 'webhook-id': 'msg_test' }, body: '{}' });

  it('refuses a loopback target without the allow flag and never opens a connection', async () => {
    const sender = new WebhookSender({ allowPrivate: false, timeoutMs: 1_000 });
    const result = await post(sender, `${url}/hook`);
    expect(result).toEqual({ kind: 'refused', reason: expect.stringMatching(/private, loopback or reserved/) });
    expect(receiver.connections).toBe(0);
    expect(receiver.received).toHaveLength(0);
  });

  it('refuses a name that resolves to a private address (as a rebinding attack would arrange)', async () => {
    const port = new URL(url).port;
    const sender = new WebhookSender({ allowPrivate: false, timeoutMs: 1_000, resolve: async () => [{ address: '127.0.0.1', family: 4 }] });
    expect(await post(sender, `http://hooks.rebind.invalid:${port}/hook`)).toMatchObject({ kind: 'refused' });
    expect(receiver.connections).toBe(0);
  });

  it('connects to the address it checked, not to whatever the name resolves to later', async () => {
    const port = new URL(url).port;
    let lookups = 0;
    const sender = new WebhookSender({
      allowPrivate: true,
      timeoutMs: 1_000,
      resolve: async () => {
        lookups += 1;
        return [{ address: '127.0.0.1', family: 4 }];
      },
    });
    // The .invalid name exists in no DNS: reaching the receiver proves the socket used the checked address.
    const result = await post(sender, `http://hooks.pinned.invalid:${port}/hook`);
    expect(result).toEqual({ kind: 'response', statusCode: 200, retryAfter: undefined });
    expect(lookups).toBe(1);
    expect(receiver.at('/hook')).toHaveLength(1);
    expect(receiver.at('/hook')[0]!.headers['host']).toBe(`hooks.pinned.invalid:${port}`);
  });

  it('gives up on a receiver that does not answer in time, and does not follow redirects', async () => {
    receiver.script('/slow', ['hang']);
    receiver.script('/moved', [{ status: 307, headers: { location: 'http://169.254.169.254/latest/meta-data' } }]);
    const sender = new WebhookSender({ allowPrivate: true, timeoutMs: 300 });
    expect(await post(sender, `${url}/slow`)).toEqual({ kind: 'failed', reason: 'timeout' });
    expect(await post(sender, `${url}/moved`)).toEqual({ kind: 'response', statusCode: 307, retryAfter: undefined });
  });
});
