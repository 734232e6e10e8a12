import {
  Patterns,
  staffSearchQuerySchema,
  type DriftReport,
  type IndexStatus,
  type RebuildProgress,
  type SearchResult,
  type StaffSearchQuery,
} from '@birgemiz/contracts';
import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentStaff, StaffOnly } from '../auth/roles.decorator';
import type { StaffPrincipal } from '../auth/staff-principal';
import { ServicesClient } from '../clients/services-client';
import { ZodValidationPipe } from '../http/zod-validation.pipe';

/** A drift check reads every article from the news service: it may take longer than an ordinary request. */
const DRIFT_TIMEOUT_MS = 120_000;

/** Staff archive search (drafts and unpublished translations included) and index administration. */
@ApiTags('search (staff)')
@Controller('search/staff')
export class SearchStaffController {
  constructor(private readonly services: ServicesClient) {}

  @Get()
  @StaffOnly('admin', 'editor')
  @ApiOperation({ summary: 'Search every article and translation: filters locale, tag, region, status (comma list), from, to; facets=locale,tag,region,status.' })
  search(@Query(new ZodValidationPipe(staffSearchQuerySchema, 'query')) query: StaffSearchQuery): Promise<SearchResult> {
    return this.services.request(Patterns.search.articlesStaffSearch, { query });
  }

  @Get('index')
  @StaffOnly('admin', 'editor')
  @ApiOperation({ summary: 'The index: engine, readiness, document counts, rebuild progress, last drift check.' })
  status(): Promise<IndexStatus> {
    return this.services.request(Patterns.search.indexStatus, {});
  }

  @Post('index/rebuild')
  @HttpCode(202)
  @StaffOnly('admin')
  @ApiOperation({ summary: 'Rebuild the index from the news service into a new index, then swap it in (search keeps answering). Progress: GET index.' })
  rebuild(@CurrentStaff() staff: StaffPrincipal): Promise<RebuildProgress> {
    return this.services.request(Patterns.search.indexRebuild, { actor: { id: staff.id, role: staff.role } });
  }

  @Post('index/drift-check')
  @HttpCode(200)
  @StaffOnly('admin')
  @ApiOperation({ summary: 'Compare the index with the news service (articles, versions, public visibility) and repair it.' })
  driftCheck(@CurrentStaff() staff: StaffPrincipal): Promise<DriftReport> {
    return this.services.request(Patterns.search.indexDriftCheck, { actor: { id: staff.id, role: staff.role } }, DRIFT_TIMEOUT_MS);
  }
}
