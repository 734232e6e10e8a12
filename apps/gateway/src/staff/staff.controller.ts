import {
  createStaffBodySchema,
  pageQuerySchema,
  Patterns,
  type CreateStaffBody,
  type Page,
  type PageQuery,
  type StaffIdentity,
} from '@birgemiz/contracts';
import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentStaff, StaffOnly } from '../auth/roles.decorator';
import type { StaffPrincipal } from '../auth/staff-principal';
import { ServicesClient } from '../clients/services-client';
import { openApiSchema } from '../http/openapi';
import { ZodValidationPipe } from '../http/zod-validation.pipe';

@ApiTags('staff')
@Controller('staff')
export class StaffController {
  constructor(private readonly services: ServicesClient) {}

  @Get('me')
  @StaffOnly()
  @ApiOperation({ summary: 'The signed-in staff member (any role).' })
  me(@CurrentStaff() staff: StaffPrincipal): StaffPrincipal {
    return staff;
  }

  @Get('accounts')
  @StaffOnly('admin')
  @ApiOperation({ summary: 'Staff accounts, paginated (admin).' })
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiQuery({ name: 'pageSize', required: false, type: Number })
  list(
    @CurrentStaff() staff: StaffPrincipal,
    @Query(new ZodValidationPipe(pageQuerySchema, 'query')) query: PageQuery,
  ): Promise<Page<StaffIdentity>> {
    return this.services.request(Patterns.volunteers.staffList, { actor: { id: staff.id, role: staff.role }, ...query });
  }

  @Post('accounts')
  @StaffOnly('admin')
  @ApiOperation({ summary: 'Create a staff account (admin).' })
  @ApiBody({ schema: openApiSchema(createStaffBodySchema) })
  create(
    @CurrentStaff() staff: StaffPrincipal,
    @Body(new ZodValidationPipe(createStaffBodySchema, 'body')) body: CreateStaffBody,
  ): Promise<StaffIdentity> {
    return this.services.request(Patterns.volunteers.staffCreate, { actor: { id: staff.id, role: staff.role }, account: body });
  }
}
