import {
  campaignListQuerySchema,
  campaignLocaleQuerySchema,
  Patterns,
  type CampaignListQuery,
  type CampaignLocaleQuery,
  type CampaignView,
  type Page,
} from '@birgemiz/contracts';
import { DomainError, ErrorCode } from '@birgemiz/errors';
import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ServicesClient } from '../clients/services-client';
import { ZodValidationPipe } from '../http/zod-validation.pipe';

export const campaignIdPipe = new ParseUUIDPipe({ exceptionFactory: () => new DomainError(ErrorCode.NotFound, 'no such campaign') });

/** Open campaigns, for everybody. Text in the requested locale or the best fallback (the answer says which). */
@ApiTags('campaigns')
@Controller('campaigns')
export class CampaignsController {
  constructor(private readonly services: ServicesClient) {}

  @Get()
  @ApiOperation({ summary: 'Open campaigns, soonest first.' })
  @ApiQuery({ name: 'locale', required: false, enum: ['kk-Cyrl', 'kk-Latn', 'ru', 'en'] })
  @ApiQuery({ name: 'region', required: false })
  list(@Query(new ZodValidationPipe(campaignListQuerySchema, 'query')) query: CampaignListQuery): Promise<Page<CampaignView>> {
    return this.services.request(Patterns.volunteers.campaignsList, { query: { ...query, status: undefined } });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One open campaign (others are 404 to anonymous callers).' })
  @ApiQuery({ name: 'locale', required: false, enum: ['kk-Cyrl', 'kk-Latn', 'ru', 'en'] })
  get(
    @Param('id', campaignIdPipe) id: string,
    @Query(new ZodValidationPipe(campaignLocaleQuerySchema, 'query')) query: CampaignLocaleQuery,
  ): Promise<CampaignView> {
    return this.services.request(Patterns.volunteers.campaignsGet, { id, locale: query.locale });
  }
}
