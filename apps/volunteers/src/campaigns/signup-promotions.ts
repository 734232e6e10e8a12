import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transaction-runner';
import { CampaignsRepository, type CampaignRow } from './campaigns.repository';
import { SignupsRepository } from './signups.repository';

export interface Promotion {
  campaign: CampaignRow;
  /** Volunteers moved from the waitlist to confirmed (notify them after commit). */
  promoted: string[];
}

/** Moves the waitlist up into free places, inside the caller's transaction (which holds the campaign row lock). */
@Injectable()
export class SignupPromotions {
  constructor(
    private readonly campaigns: CampaignsRepository,
    private readonly signups: SignupsRepository,
  ) {}

  async fillFreeSpots(tx: Tx, campaign: CampaignRow): Promise<Promotion> {
    const free = campaign.capacity - campaign.confirmed_count;
    if (free <= 0 || campaign.waitlist_count <= 0 || campaign.status === 'finished') return { campaign, promoted: [] };
    const heads = await this.signups.headOfWaitlist(tx, campaign.id, free);
    if (heads.length === 0) return { campaign, promoted: [] };
    for (const signup of heads) await this.signups.setStatus(tx, signup.id, 'confirmed');
    const updated = await this.campaigns.adjustCounts(tx, campaign.id, heads.length, -heads.length);
    return { campaign: updated, promoted: heads.map((s) => s.volunteer_id) };
  }
}
