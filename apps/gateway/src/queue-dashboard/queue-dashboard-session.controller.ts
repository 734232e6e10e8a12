import { Controller, Delete, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { StaffOnly } from '../auth/roles.decorator';
import { StaffTokenVerifier } from '../auth/staff-token.verifier';
import { dashboardCookie, QUEUE_DASHBOARD_PATH } from './queue-dashboard-cookie';

/**
 * Sign-in step of the queue dashboard for browsers: the staff console posts the admin's access token here (Bearer
 * header) and gets it back in an HttpOnly, SameSite=Strict cookie scoped to /admin/queues, valid as long as the token.
 */
@ApiTags('queue dashboard (admin)')
@Controller('staff/queue-dashboard/session')
export class QueueDashboardSessionController {
  constructor(private readonly verifier: StaffTokenVerifier) {}

  @Post()
  @HttpCode(204)
  @StaffOnly('admin')
  @ApiOperation({ summary: `Open the queue dashboard (${QUEUE_DASHBOARD_PATH}) in this browser: sets its HttpOnly cookie.` })
  @ApiNoContentResponse({ description: 'Cookie set; navigate to the dashboard.' })
  async open(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    const token = StaffTokenVerifier.bearer(request.headers.authorization)!;
    const { expiresAt } = await this.verifier.verify(token);
    reply.header('set-cookie', dashboardCookie(token, expiresAt - Date.now() / 1000, request.protocol === 'https'));
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Close the queue dashboard in this browser (clears its cookie).' })
  close(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): void {
    reply.header('set-cookie', dashboardCookie('', 0, request.protocol === 'https'));
  }
}
