import { parseRpc } from '@birgemiz/messaging';
import {
  campaignCreateRequestSchema,
  campaignGetRequestSchema,
  campaignListRequestSchema,
  campaignTransitionRequestSchema,
  campaignUpdateRequestSchema,
  Patterns,
  type CampaignStaffView,
  type CampaignView,
  type Page,
} from '@birgemiz/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CampaignsService } from './campaigns.service';

@Controller()
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @MessagePattern(Patterns.volunteers.campaignsList)
  list(@Payload() payload: unknown): Promise<Page<CampaignView | CampaignStaffView>> {
    const request = parseRpc(campaignListRequestSchema, payload, 'query');
    return this.campaigns.list(request.actor, request.query);
  }

  @MessagePattern(Patterns.volunteers.campaignsGet)
  get(@Payload() payload: unknown): Promise<CampaignView | CampaignStaffView> {
    const request = parseRpc(campaignGetRequestSchema, payload, 'params');
    return this.campaigns.get(request.actor, request.id, request.locale);
  }

  @MessagePattern(Patterns.volunteers.campaignsCreate)
  create(@Payload() payload: unknown): Promise<CampaignStaffView> {
    const request = parseRpc(campaignCreateRequestSchema, payload);
    return this.campaigns.create(request.actor, request.campaign);
  }

  @MessagePattern(Patterns.volunteers.campaignsUpdate)
  update(@Payload() payload: unknown): Promise<CampaignStaffView> {
    const request = parseRpc(campaignUpdateRequestSchema, payload);
    return this.campaigns.update(request.actor, request.id, request.changes);
  }

  @MessagePattern(Patterns.volunteers.campaignsTransition)
  transition(@Payload() payload: unknown): Promise<CampaignStaffView> {
    const request = parseRpc(campaignTransitionRequestSchema, payload);
    return this.campaigns.transition(request.actor, request.id, request.action);
  }
}
