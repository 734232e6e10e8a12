import type { Page, RegionCode, StaffActor, VolunteerListQuery, VolunteerProfile, VolunteerStatus, VolunteerWithHistory } from '@birgemiz/contracts';
import { DomainError, ErrorCode } from '@birgemiz/errors';
import { Injectable } from '@nestjs/common';
import { requireRole } from '../common/staff-roles';
import { VolunteersRepository, type VolunteerRow } from './volunteers.repository';

/** Profiles of approved volunteers: search by region, city, language and script, skill; history and hours. */
@Injectable()
export class VolunteersService {
  constructor(private readonly volunteers: VolunteersRepository) {}

  async list(actor: StaffActor, query: VolunteerListQuery): Promise<Page<VolunteerProfile>> {
    requireRole(actor);
    const [rows, total] = await this.volunteers.list(query);
    return { items: rows.map(toProfile), page: query.page, pageSize: query.pageSize, total };
  }

  async get(actor: StaffActor, id: string): Promise<VolunteerWithHistory> {
    requireRole(actor);
    const row = await this.volunteers.findById(id);
    if (!row) throw new DomainError(ErrorCode.NotFound, 'no such volunteer');
    const history = (await this.volunteers.history(id)).map((h) => ({
      campaignId: h.campaign_id,
      title: h.translations['kk-Cyrl']?.title ?? h.translations['ru']?.title ?? h.translations['en']?.title ?? h.translations['kk-Latn']?.title ?? null,
      campaignStatus: h.campaign_status,
      startsAt: h.starts_at.toISOString(),
      signupStatus: h.status,
      attended: h.attended,
      hours: h.hours === null ? null : Number(h.hours),
    }));
    const totalHours = history.reduce((sum, h) => sum + (h.attended ? (h.hours ?? 0) : 0), 0);
    return { ...toProfile(row), history, totalHours, campaignsAttended: history.filter((h) => h.attended).length };
  }

  async setStatus(actor: StaffActor, id: string, status: VolunteerStatus): Promise<VolunteerProfile> {
    requireRole(actor);
    const row = await this.volunteers.setStatus(id, status);
    if (!row) throw new DomainError(ErrorCode.NotFound, 'no such volunteer');
    return toProfile(row);
  }
}

export function toProfile(row: VolunteerRow): VolunteerProfile {
  return {
    id: row.id,
    status: row.status,
    fullName: row.full_name,
    email: row.email,
    phone: row.phone,
    region: row.region as RegionCode,
    city: row.city,
    languages: row.languages,
    skills: row.skills,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    erased: row.erased_at !== null,
  };
}
