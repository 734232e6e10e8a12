import {
  oneClickUnsubscribeRequestSchema,
  Patterns,
  preferencesBodySchema,
  subscribeRequestSchema,
  subscriptionTokenBodySchema,
  type SubscribeAccepted,
  type SubscriptionView,
} from '@birgemiz/contracts';
import { parseRpc } from '@birgemiz/messaging';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { SubscriptionsService } from './subscriptions.service';

@Controller()
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @MessagePattern(Patterns.volunteers.subscriptionsSubscribe)
  subscribe(@Payload() payload: unknown): Promise<SubscribeAccepted> {
    return this.subscriptions.subscribe(parseRpc(subscribeRequestSchema, payload).subscription);
  }

  @MessagePattern(Patterns.volunteers.subscriptionsConfirm)
  confirm(@Payload() payload: unknown): Promise<SubscriptionView> {
    return this.subscriptions.confirm(parseRpc(subscriptionTokenBodySchema, payload).token);
  }

  @MessagePattern(Patterns.volunteers.subscriptionsGet)
  get(@Payload() payload: unknown): Promise<SubscriptionView> {
    return this.subscriptions.get(parseRpc(subscriptionTokenBodySchema, payload, 'query').token);
  }

  @MessagePattern(Patterns.volunteers.subscriptionsUpdate)
  update(@Payload() payload: unknown): Promise<SubscriptionView> {
    return this.subscriptions.updatePreferences(parseRpc(preferencesBodySchema, payload));
  }

  @MessagePattern(Patterns.volunteers.subscriptionsUnsubscribe)
  unsubscribe(@Payload() payload: unknown): Promise<SubscriptionView> {
    return this.subscriptions.unsubscribe(parseRpc(subscriptionTokenBodySchema, payload).token, 'link');
  }

  @MessagePattern(Patterns.volunteers.subscriptionsOneClick)
  oneClick(@Payload() payload: unknown): Promise<SubscriptionView> {
    return this.subscriptions.unsubscribe(parseRpc(oneClickUnsubscribeRequestSchema, payload, 'params').token, 'one-click');
  }
}
