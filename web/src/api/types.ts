// The shapes of the server's answers (API.md). The app shows what these say;
// it never recomputes progress, status, scores or permissions.

export type Status = 'not_started' | 'on_track' | 'behind' | 'at_risk' | 'done' | 'closed';

export interface Can {
  edit?: boolean;
  delete?: boolean;
  check_in?: boolean;
  comment?: boolean;
  align?: boolean;
}

export interface Person {
  id: string;
  name: string;
  email: string;
  role: 'admin' | 'member' | 'viewer';
  manager_id: string | null;
  active: boolean;
  can?: Can;
}

export interface Me {
  user: Person;
  organization_id: string;
  csrf_token?: string;
}

export interface Organization {
  id: string;
  name: string;
  mission: string;
  vision: string;
  values: string[];
  timezone: string;
}

export interface Unit {
  id: string;
  name: string;
  kind: 'company' | 'function' | 'team';
  parent_id: string | null;
  lead_id: string | null;
  member_ids: string[];
  archived: boolean;
}

export interface Period {
  id: string;
  name: string;
  kind: string;
  start_date: string;
  end_date: string;
  starts_at?: string; // the instants the dates stand for, in the organisation's zone
  ends_at?: string; // exclusive: the day after end_date begins
  parent_id: string | null;
  state: 'planning' | 'active' | 'closed';
  closed_at?: string | null;
  // F16: the days drafts are due, the cross-team review and the commit.
  rollout?: { drafts_due: string; review: string; commit: string };
  can?: Can;
}

export type Owner = { unit_id: string } | { person_id: string };

export interface Milestone {
  title: string;
  weight: number;
  done?: boolean;
}

export interface KeyResult {
  id: string;
  objective_id: string;
  title: string;
  owner_id: string | null;
  kind: 'metric' | 'boolean' | 'milestones' | 'band';
  start: number;
  target: number | null;
  unit: string;
  low?: number;
  high?: number;
  milestones?: Milestone[];
  current: number | null;
  progress: number;
  expected: number;
  status: Status;
  confidence: number | null;
  stale: boolean;
  forecast: number | null;
  score: number | null;
  last_check_in_at: string | null;
  delegates: string[];
  // Where its value comes from: check-ins, its children (or their sum), or a KPI.
  progress_source: 'check_ins' | 'children' | 'sum' | 'kpi';
  kpi_id: string | null;
  version: number;
  can: Can;
}

export interface ScoreOverride {
  score: number;
  reason: string;
  by_id: string | null;
  at: string;
}

export interface Warning {
  rule: string;
  message: string;
}

export interface Objective {
  id: string;
  title: string;
  description: string;
  period_id: string;
  owner: Owner;
  type: 'committed' | 'aspirational' | 'learning';
  visibility: 'public' | 'private';
  state: string;
  progress: number;
  expected: number;
  status: Status;
  confidence: number | null;
  forecast: number | null; // where it is heading by the period's end (F40)
  score: number | null;
  computed_score?: number | null;
  score_override?: ScoreOverride | null;
  success?: boolean | null;
  rolled_over_from_id?: string | null;
  version: number;
  can: Can;
  warnings?: Warning[];
  key_results?: KeyResult[];
}

export interface CheckIn {
  id: string;
  key_result_id: string;
  value: number | null;
  done: boolean;
  milestones_done: number[];
  confidence: number | null;
  note: string;
  at: string;
  author_id: string | null;
  kpi_id: string | null; // set when a KPI's value made it
}

export interface CheckInAnswer {
  check_in: CheckIn;
  key_result: Pick<KeyResult, 'id' | 'current' | 'progress' | 'expected' | 'status' | 'confidence'>;
  objective: Pick<Objective, 'id' | 'progress' | 'expected' | 'status'>;
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

// F24: a unit's review of a period, the guiding questions in the order teams
// discuss them.
export const retrospectiveQuestions = [
  'first_okrs',
  'aligned',
  'went_well',
  'improve',
  'company_changes',
  'changed_dependencies',
  'lessons',
] as const;
export type RetrospectiveQuestion = (typeof retrospectiveQuestions)[number];

export interface Retrospective {
  id: string;
  unit_id: string;
  period_id: string;
  author_id: string;
  recorded_at: string;
  answers: Record<RetrospectiveQuestion, string>;
  revision: number;
}

// GET /retrospectives?period_id: with the units the caller may write one for.
export interface Retrospectives extends Page<Retrospective> {
  writable_unit_ids?: string[];
}

export interface Dashboard {
  period_id: string;
  progress: number;
  heading_for: number | null; // the owner's forecast by the period's end (F40)
  objectives: Objective[];
  status_counts: Record<Status, number>;
  behind: Array<{ id: string; title: string }>;
  at_risk: Array<{ id: string; title: string }>;
  stale_key_results: Array<{ id: string; title: string }>;
}

// GET /reports/period: the period report for the all-hands review; units from
// the company down, with the objectives the caller may see.
export interface PeriodReportKeyResult {
  id: string;
  title: string;
  current: number | null; // metrics only
  target: number | null;
  unit: string;
  progress: number;
  score: number | null;
  forecast: number | null;
}
export interface PeriodReportObjective {
  id: string;
  title: string;
  type: Objective['type'];
  progress: number;
  status: Status;
  score: number | null;
  success: boolean | null;
  forecast: number | null;
  key_results: PeriodReportKeyResult[];
}
export interface PeriodReportData {
  period_id: string;
  name: string;
  start_date: string;
  end_date: string;
  state: Period['state'];
  as_of: string;
  organization: string;
  mission: string;
  company_progress: number;
  heading_for: number | null;
  health: HealthSnapshot;
  objectives: number;
  succeeded: number;
  maturity: { stage: MaturityStage; stage_number: number };
  units: Array<{ id: string; name: string; objectives: PeriodReportObjective[] }>;
  retrospectives: Array<Retrospective & { unit_name: string }>;
}

// ---- Insight reports (GET /reports/maturity, /reports/health, /reports/compare) ----

export type MaturityStage = 'curious' | 'aware' | 'champion' | 'excellence' | 'master';

export interface MaturityCriterion {
  id: string;
  stage: MaturityStage;
  description: string;
  // null: cannot be measured yet (no check-in intervals, no closed period).
  measured: number | null;
  threshold: number;
  comparison: 'at_least' | 'at_most';
  unit: 'ratio' | 'count' | 'days';
  passed: boolean;
  next_step: string | null;
}

export interface MaturityReport {
  as_of: string;
  stage: MaturityStage;
  stage_number: number;
  criteria: MaturityCriterion[];
  // The stage as of the end of each period that had ended, oldest first.
  history: Array<{
    period_id: string;
    name: string;
    end_date: string;
    stage: MaturityStage;
    stage_number: number;
    passed: number;
    total: number;
  }>;
}

// "12 / 15": ratio is null when there is nothing to count.
export interface HealthFigure {
  numerator: number;
  denominator: number;
  ratio: number | null;
}

export type HealthFigureName = 'onboarding' | 'activity' | 'alignment' | 'transparency' | 'focus';

export interface HealthSnapshot {
  figures: Record<HealthFigureName, HealthFigure>;
  objectives_per_owner: number;
  // score: mean score of a closed period; pace: mean of P − e (above 0: ahead).
  attainment: { value: number | null; kind: 'score' | 'pace' };
}

export interface HealthReport extends HealthSnapshot {
  period_id: string;
  as_of: string;
  unit_ids: string[];
  trend: Array<HealthSnapshot & { as_of: string }>;
}

export interface ComparedObjective {
  id: string;
  title: string;
  status: Status;
  progress: number;
  score: number | null;
  success: boolean | null;
  type: 'committed' | 'aspirational' | 'learning';
  rolled_over_from: string | null;
}

export interface PeriodComparison {
  unit_id: string;
  as_of: string;
  periods: Array<{
    period_id: string;
    name: string;
    start_date: string;
    end_date: string;
    state: Period['state'];
    progress: number;
    score: number | null;
    objectives: ComparedObjective[];
  }>;
  rollovers: Array<{ from: string; to: string }>;
}

// One in-app notification: `text` is the server's English line; `params`
// holds its variable parts, from which the app writes it in the reader's
// language (notifications.ts).
export interface AppNotification {
  id: string;
  kind: string;
  subject_id: string | null;
  text: string;
  params: Record<string, unknown>;
  at: string;
  read_at: string | null;
}

export interface NotificationPreferences {
  items: Array<{ kind: string; channels: string[] }>;
  available_channels: string[];
}

export interface ImportCounts {
  people: number;
  units: number;
  periods: number;
  kpis: number;
  objectives: number;
  key_results: number;
  check_ins: number;
}

export interface ImportOutcome {
  dry_run: boolean;
  committed: boolean;
  counts: ImportCounts;
}

// One mistake in an imported document: its line, where (a JSON Pointer) and what.
export interface ImportProblem {
  line: number;
  path: string;
  message: string;
}

export interface KpiValue {
  at: string;
  value: number;
  origin: 'manual' | 'push' | 'pull' | 'csv';
  recorded_at: string;
}

export interface KpiPull {
  url: string;
  pointer: string;
  interval_minutes: number;
  headers: Array<{ name: string; env?: string; sealed?: boolean }>;
  next_pull_at: string | null;
  last_attempt_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  failures: number;
}

// `source` is the keepers' view (push token and pull) or, for others, only
// whether values arrive on their own.
export type KpiSource =
  | { push_token: { active: boolean; created_at: string | null }; pull: KpiPull | null }
  | { pulled: boolean; pushed: boolean };

export interface Kpi {
  id: string;
  name: string;
  unit: string;
  description: string;
  owner_id: string;
  low: number | null;
  high: number | null;
  archived: boolean;
  created_at: string;
  latest: KpiValue | null;
  healthy: boolean | null;
  source: KpiSource;
  key_results?: KeyResult[];
  // pull: may set where the server pulls it from (admins only).
  can: { edit: boolean; pull: boolean };
  version: number;
}
