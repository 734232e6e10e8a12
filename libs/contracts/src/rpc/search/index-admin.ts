import { z } from 'zod';
import { staffActorSchema } from '../auth';

export const indexCommandSchema = z.object({ actor: staffActorSchema }).strict();

export type IndexScope = 'public' | 'staff';

/** A rebuild's steps: reading the news service's export into the new index, building its indexes, the swap. */
export type RebuildStage = 'reading' | 'indexing' | 'swapping';

export interface RebuildProgress {
  state: 'idle' | 'running' | 'succeeded' | 'failed';
  /** The step a running rebuild is in (null when none runs). */
  stage: RebuildStage | null;
  startedAt: string | null;
  finishedAt: string | null;
  /** Articles read from the news service so far, of `total`. */
  processed: number;
  total: number;
  /** Seconds each finished step took. */
  stageSeconds: Partial<Record<RebuildStage, number>>;
  error: string | null;
}

export interface ScopeDrift {
  /** Articles the news service has (staff) or publishes (public). */
  expected: number;
  /** Articles the index holds. */
  indexed: number;
  missing: number;
  outdated: number;
  extra: number;
  repaired: number;
}

export interface DriftReport {
  checkedAt: string;
  public: ScopeDrift;
  staff: ScopeDrift;
}

export interface IndexStatus {
  engine: 'postgres' | 'meilisearch';
  ready: boolean;
  /** True once the index was built from the news service at least once. */
  bootstrapped: boolean;
  documents: { public: number; staff: number };
  articles: { public: number; staff: number };
  rebuild: RebuildProgress;
  lastDrift: DriftReport | null;
}
