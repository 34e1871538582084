import type { Provider } from '@nestjs/common';
import { LANTERN_CONFIG, type LanternConfig } from '@lantern/platform';
import { WebhookSender } from '../delivery/webhook-sender';
import { SecretBox, subscriptionSecretKeyOf } from './secret-box';

export const subscriptionProviders: Provider[] = [
  { provide: SecretBox, inject: [LANTERN_CONFIG], useFactory: (config: LanternConfig) => new SecretBox(subscriptionSecretKeyOf(config)) },
  {
    provide: WebhookSender,
    inject: [LANTERN_CONFIG],
    useFactory: (config: LanternConfig) =>
      new WebhookSender({ allowPrivate: config.webhooks.allowPrivate, timeoutMs: config.webhooks.timeoutMs }),
  },
];
