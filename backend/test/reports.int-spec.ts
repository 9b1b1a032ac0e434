import {
  type ProgrammeReport,
  REPORT_SHEET_NAMES,
  REPORT_TABLE_KEYS,
  type ReportCell,
  type ReportTableKey,
} from '@stegvis/contracts';
import ExcelJS from 'exceljs';
import { csvTables, parseCsv } from './support/csv';
import { Factories } from './support/factories';
import {
  buildGoldenDataset,
  GOLDEN_FROM,
  GOLDEN_TO,
  type GoldenDataset,
} from './support/golden-report-dataset';
import { Client, startTestApp, type TestApp } from './support/test-app';

/** A start/exit/change triple of the before/after tables; Z = nobody at start or exit. */
type Triple = [ReportCell, ReportCell, ReportCell];
const Z: Triple = [0, 0, 0];
const startExit = (label: string, f: Triple, m: Triple, o: Triple, u: Triple, t: Triple) => [
  label,
  ...f,
  ...m,
  ...o,
  ...u,
  ...t,
];
const H = '<3';
/** Hidden only to protect another value (secondary suppression): may be large. */
const X = 'x';

/*
 * The golden report of the dataset in support/golden-report-dataset.ts (built through the API),
 * k = 3, period 2025-01-01 – 2025-06-30, worked out by hand.
 *
 * In the period: F1–F7 (F6, F7 reduced), M1–M3 + E1 (erased), O1 = 7 / 4 / 1 = 12.
 * Not reduced ("full"): F1–F5, M1–M3, O1 = 5 / 3 / 1 = 9. The background tables count all 12:
 * the reduced F6, F7 and the erased E1 in their "unknown" row (2 | 1), so each adds up to 12.
 * A reduced or erased record keeps gender and start and exit month only (DOMAIN.md): F7's
 * attendance and E1's exit reason, snapshots and background went with the reduction.
 * Exited in the period: F1 work, F2 studies, F4 dropped out, M1 work, E1 (reason not kept).
 *
 * Suppression (reports/suppression, the whole report at once): a count 1–2 is hidden as "<3"
 * ("primary"); then more cells are hidden as "x" ("secondary") until an attacker who reads every
 * table, knows every total and the identities between tables (the exited row = the exit reasons'
 * total row = the exited column of work_or_studies_at_exit; work_or_studies = work + studies; the
 * occupation start and exit tables describe the same people) and that "<3" means 1 or 2, cannot
 * pin a "<3" value. Complements are the least total value (a 0 can protect a 2, which can be 1
 * with the 0 at 1). A hidden cell of 1 can only be 2 in another solution, so a line of nothing but
 * 1s pins them down unless its total hides too; where the "<3" bounds themselves pin a value (1 +
 * 1 under a total "<3"), one of them is published as "x" instead.
 *
 * The background tables count all 12 (reduced and erased records as "unknown"), so their closing
 * rows are the in_period row's cells; the exit tables are linked too.
 */
/**
 * The transition tables are worked out by hand in reports-transitions.int-spec.ts, the group
 * series tables in series-report.int-spec.ts.
 */
const ELSEWHERE = [
  'income_transitions',
  'occupation_transitions',
  'group_series',
  'series_participants_by_gender',
] as const;
type GoldenKey = Exclude<ReportTableKey, (typeof ELSEWHERE)[number]>;
const GOLDEN_KEYS = REPORT_TABLE_KEYS.filter(
  (key): key is GoldenKey => !(ELSEWHERE as readonly string[]).includes(key),
);

const EXPECTED: Record<GoldenKey, ReportCell[][]> = {
  // One row 7 | 4 | 1 | 0 = 12. Primary: other 1. It can only go up (1 → 2), so something else in
  // the row must be able to go down: not the 0. Male 4 alone cannot: his four are 1s in every
  // background table (age bands 16–24 M2, 40–49 M1, 50–59 M3, unknown E1), each "<3" and so at
  // least 1 — the row's cells are the closing rows of those tables (linked). So the women's 7 hides
  // too ("x": the only cell that can move), though it costs ten times its value (the headline
  // weight): with k = 3 and twelve people in all, nothing smaller protects the other 1. The men's
  // 4 hides with it (the background tables' male columns, all 1s, would otherwise give the 1s).
  // A demo-sized report keeps the women's count (e2e lead-journey).
  participants_by_gender: [
    ['female', 6, X],
    ['male', 4, X],
    ['other', null, H],
    ['undisclosed', null, 0],
    ['total', 10, 12],
  ],
  participation_flow: [
    ['in_period', X, X, H, 0, 12], // the same published cells as above
    // Started in the period: F1, F2, F4, F5, F6 + F7 (reduced: from March 2025, their start month)
    // = 6; M1–M3 = 3 (E1 counts from November 2024 after erasure); O1 = 1. Other 1 → male 3 hides
    // (3 < 6). The series (docs/reports.md "The period"): July–December 2024, decided before this
    // report, published its active at the end as "<3" in total (F3 and E1: 2), and the people in
    // this period are those plus the ones who started in it — so the total 10 would give that 2
    // back (12 − 10): it hides, and the women's 6 with it (the row needs a second cell).
    ['started', X, X, H, 0, X],
    // F1, F2, F4 = 3; M1, E1 = 2: the same cells as the exit reasons' total row, where the male 2
    // is 1 + 1 (each "<3"), so "<3" on the 2 would pin both 1s: it is "x"; the female 3 hides with
    // it (3 < 5); the 5 stays (3 + 2 has other answers once both are hidden).
    ['exited', X, X, 0, 0, 5],
    // F3, F5, F6, F7 = 4; M2, M3 = 2; O1 = 1: the two primaries protect each other (2 + 1 = 3
    // could be 1 + 2), no secondary.
    ['active_at_end', 4, H, H, 0, 7],
  ],
  // Individual: F1 ×2, F7, F3 at 23:30 on 30 June and 00:30 on 1 January (Stockholm) = 5 (F7's
  // still counts: her attendance became the session's anonymous count); the one on 1 July is
  // after the period; the follow-up visit had only a no-show → 0. Activities: shown.
  sessions_by_kind: [
    ['individual_coaching', 5],
    ['life_coaching', 1],
    ['business_advice', 1],
    ['group_workshop', 1],
    ['follow_up_visit', 0],
    ['total', 8],
  ],
  // F1, F2, F3 = 3 (F7's attendance went with her consent); M1, M2 = 2 (M2's no-show in the
  // workshop does not count, his business advice does); O1 = 1; F5 only cancelled. The 2 and the 1
  // protect each other; the total 6 stays.
  people_reached_by_gender: [
    ['female', 3],
    ['male', H],
    ['other', H],
    ['undisclosed', 0],
    ['total', 6],
  ],
  // Attendances: F1 3 + F2 1 + F3 2 = 6; M1 1 + M2 1 = 2; O1 1 → 9. Hidden ("x": for another
  // value) where the people reached are hidden.
  sessions_by_gender: [
    ['female', 6],
    ['male', X],
    ['other', X],
    ['undisclosed', 0],
    ['total', 9],
  ],
  // 6 / 3 = 2; 9 / 6 = 1.5; nobody undisclosed → no mean.
  mean_sessions_by_gender: [
    ['female', 2],
    ['male', null],
    ['other', null],
    ['undisclosed', null],
    ['total', 1.5],
  ],
  // Under way in the period: P1 (F1, A), P4 (M2, B) work training; P2 (F2, B) internship; P3 (M1,
  // A) subsidised. F3's ended in 2024; O1's is planned for 2099. 2 / 1 / 1: all primary, they
  // protect each other (1–2 each summing to 4 has three answers). Enterprises are shown.
  placements_by_kind: [
    ['work_training', H, 2],
    ['internship', H, 1],
    ['subsidised_employment', H, 1],
    ['employment', 0, 0],
    ['total', 4, 2],
  ],
  // Weekly for 4 weeks, then every 30 days, from the last follow-up (or missed due date):
  // P1 3 Mar–30 May: due 10, 17, 24, 31 Mar, 30 Apr, 30 May = 6, none done.
  // P4 from 2 Jun: 9 Jun done, 16, 23, 30 Jun missed = 4 due, 1 done.
  // P2 from 3 Feb: 10, 17, 24 Feb, 3 Mar, 2 Apr, 2 May, 1 Jun = 7 of 7 (15 Jul is after the period).
  // P3 from 1 Feb: 8, 15, 22 Feb, 1 Mar, then due 31 Mar done late on 2 Apr (before 30 Apr) = 5 of 5.
  follow_ups: [
    ['work_training', 10, 1, 9],
    ['internship', 7, 7, 0],
    ['subsidised_employment', 5, 5, 0],
    ['employment', 0, 0, 0],
    ['total', 22, 13, 9],
  ],
  // Cells: work F1 M1, studies F2, unknown E1 (erased: no reason kept), dropped out F4 — all 1s,
  // row totals 2/1/1/1; the total row is the flow's exited row (3 | 2 | 5, 5 shown there). With
  // "<3" on every 1 the attacker has female ≥ 3, male ≥ 2, sum 5: all pinned. So the female 1s
  // and the male unknown 1 are "x" (≥ 0 to the attacker), the dropped-out total 1 too (it equals
  // the female dropped-out cell); the male work 1 and the work, studies and unknown totals stay
  // "<3". Check: male work b ∈ {1, 2} — b = 2 with female work 0, studies 1, dropped out 0, male
  // unknown 2 keeps every shown figure (work total 2, studies 1, unknown 2 ≤ 2, sum 5, the work
  // or studies cells below). No value hidden beyond the old table (which showed 5 too).
  exit_reasons: [
    ['work', X, H, 0, 0, H],
    ['studies', X, 0, 0, 0, H],
    ['other_programme', 0, 0, 0, 0, 0],
    ['job_seeking', 0, 0, 0, 0, 0],
    ['sick_leave', 0, 0, 0, 0, 0],
    ['moved', 0, 0, 0, 0, 0],
    ['dropped_out', X, 0, 0, 0, X],
    ['registered_in_error', 0, 0, 0, 0, 0],
    ['other', 0, 0, 0, 0, 0],
    ['unknown', 0, X, 0, 0, H],
    ['total', X, X, 0, 0, 5],
  ],
  // Women 2 (F1, F2) + 1 other = 3; men 1 (M1) + 1 (E1) = 2; exited = the exit reasons' totals
  // (female 3 and male 2 "x" there, so here too). Women's other 1 = their dropped-out 1: "x" as
  // there. Work or studies in total 3 = 2 + 1 hides (else with the male 1…2 it gives the women's
  // 2 back within the exited 5); other in total 2 = 1 + 1 stays "<3" (the women's 1 is "x").
  // Every share rests on a hidden count → null.
  work_or_studies_at_exit: [
    ['female', H, X, X, null],
    ['male', H, H, X, null],
    ['other', 0, 0, 0, null],
    ['undisclosed', 0, 0, 0, null],
    ['total', X, H, 5, null],
  ],
  // Before/after: F1, F2, F4 and M1; F7's snapshots went with her consent, E1's with the erasure.
  // Start and exit are suppressed apart, row by row (no column totals: several sources a person).
  // change = exit − start, only where both are shown.
  income_sources_start_exit: [
    // M1 1 | 1: the cell and its row total hide each other.
    startExit('sickness_benefit', Z, [H, 0, null], Z, Z, [H, 0, null]),
    startExit('activity_compensation', Z, Z, Z, Z, Z),
    startExit('sickness_compensation', Z, Z, Z, Z, Z),
    // Only E1 had it: gone with the erasure.
    startExit('unemployment_insurance', Z, Z, Z, Z, Z),
    startExit('activity_support', Z, Z, Z, Z, Z),
    startExit('establishment_allowance', Z, Z, Z, Z, Z),
    // Start F1 F2 F4 | M1 = 3 | 1 = 4: male 1 → female 3 hides ("x": 3 < 4); the 4 stays.
    // Exit: nobody (F4 left with none/unknown) → 0, a change of −4.
    startExit('social_assistance', [X, 0, null], [H, 0, null], Z, Z, [4, 0, -4]),
    // Exit F1 F2 | M1 = 2 | 1 = 3: the two protect each other, the 3 stays → +3.
    startExit('salary', [0, H, null], [0, H, null], Z, Z, [0, 3, 3]),
    startExit('student_finance', [0, H, null], Z, Z, Z, [0, H, null]),
    startExit('none_or_unknown', [0, H, null], Z, Z, Z, [0, H, null]),
  ],
  // Same four people, with column totals; the start and exit total rows are the same people, so
  // the same cells (3 | 1 | 4). Start: job seeking F1 F2 F4 = 3, other M1 1: the male 1, its row
  // total and the male total 1 are "<3"; the grand total 4 hides ("x", else male = 4 − 3).
  // Exit: employment F1 | M1, studies F2, job seeking F4: the female 1s add up to the female total,
  // so "<3" on all three would pin them: the employment 1 is "x". The start's female job seeking
  // 3 is also the row total of the women's job-seeking row in occupation_transitions (→ employment
  // F1, studies F2, job seeking F4: 1 + 1 + 1 = 3, linked), which would pin those 1s: it hides
  // ("x"), and with it the female total and the grand total (else 3 = total − the rest).
  occupation_start_exit: [
    startExit('employment', [0, X, null], [0, H, null], Z, Z, [0, X, null]),
    startExit('subsidised_employment', Z, Z, Z, Z, Z),
    startExit('studies', [0, H, null], Z, Z, Z, [0, H, null]),
    startExit('work_training', Z, Z, Z, Z, Z),
    startExit('job_seeking', [X, H, null], Z, Z, Z, [X, H, null]),
    startExit('other', Z, [H, 0, null], Z, Z, [H, 0, null]),
    startExit('unknown', Z, Z, Z, Z, Z),
    startExit('total', [X, X, null], [H, H, null], Z, Z, [X, X, null]),
  ],
  // Full records: F1 25, F2 35, F3 39 (started 2024), F4 30, F5 26, M1 45, M2 22, M3 55, O1 33
  // (E1 is erased: not a full record). 30–39 = F2 F3 F4 | O1 = 3 | 1 = 4: other 1 → female 3
  // hides ("x"). Unknown: F6 F7 | E1 = 2 | 1 = 3. The closing row is the in_period row (7 | 4 | 1
  // | 0 | 12: "x", "x", "<3", 0, 12, as decided there).
  age_bands: [
    ['16-24', 0, H, 0, 0, H],
    ['25-29', H, 0, 0, 0, H],
    ['30-39', X, 0, H, 0, 4],
    ['40-49', 0, H, 0, 0, H],
    ['50-59', 0, H, 0, 0, H],
    ['60+', 0, 0, 0, 0, 0],
    ['unknown', H, H, 0, 0, 3],
    ['total', X, X, H, 0, 12],
  ],
  // primary F2 | M1 M3 = 1 | 2 = 3; upper secondary incomplete M2; upper secondary F1 F3 F5 | O1
  // = 3 | 1 = 4 (other 1 → female 3 "x"); university F4; unknown F6 F7 | E1 = 2 | 1 = 3. One of
  // the two 3s (1 + 2, both "<3") must hide: the unknown one, because the unknown row is linked to
  // July–December 2024's (X1 and E1 unknown, F3 upper secondary: docs/reports.md "The period"),
  // and with both reports' unknown totals shown the starters of unknown education (F6 F7 = 2) and
  // the leaver X1 (1) — counts published nowhere, protected like a "<3" — could be pinned. The
  // closing row is the in_period row.
  education: [
    ['none_or_primary_incomplete', 0, 0, 0, 0, 0],
    ['primary', H, H, 0, 0, 3],
    ['upper_secondary_incomplete', 0, H, 0, 0, H],
    ['upper_secondary', X, 0, H, 0, 4],
    ['post_secondary_short', 0, 0, 0, 0, 0],
    ['university', H, 0, 0, 0, H],
    ['unknown', H, H, 0, 0, X],
    ['total', X, X, H, 0, 12],
  ],
  // lt_1 F4 | M2; 1_2 F2 F5 | O1 = 2 | 1 = 3; 2_5 F1; gt_5 F3 | M1; unknown F6 F7 | M3 (no start
  // snapshot) E1 = 2 | 2 = 4. Every cell 1–2. lt_1 and gt_5 are 1 + 1 under a "<3" total: "<3"
  // on both would pin them, so the female 1 of each is "x"; the other's unknown 0 is "x" (a zero
  // that can move beside the other's 1). The closing row is the in_period row.
  time_in_support: [
    ['lt_1', X, H, 0, 0, H],
    ['1_2', H, 0, H, 0, 3],
    ['2_5', H, 0, 0, 0, H],
    ['gt_5', X, H, 0, 0, H],
    ['unknown', H, H, X, 0, 4],
    ['total', X, X, H, 0, 12],
  ],
  // Latest minus first per rater and indicator (up to 30 June; F7 is reduced and left out):
  // motivation: F1 +1 (coach +2, self 0), F2 −1, M1 +1, F5 0 → 4 people, 1/4 = 0.25 → 0.3.
  // work_skills: F1 0, F2 0, F3 +2 (the August check-in is after the period), O1 0 → 2/4 = 0.5.
  // Overall per person: F1 (2+0+0)/3, F2 −0.5, M1 1, F3 2, F5 0, O1 0 → 3.17 / 6 = 0.5.
  // Moved forward: F1, M1 (also up the ladder), F3 = 3; not: F2, F5, O1 = 3 → 50 %.
  step_progression: [
    ['motivation', 4, 0.3, null],
    ['work_skills', 4, 0.5, null],
    ['overall', 6, 0.5, null],
    ['moved_forward', 3, null, 50],
  ],
  // One row per target of the catalogue, in its order. Women and men hidden ("x", as in
  // participants_by_gender) → cannot be shown; 12 ≥ 10; placed F1 F2 M1 M2 = 4 ≥ 4 (met); 9
  // attendances / 12 participants = 0.75 → 0.8 < 2: the missed target; the women's share rests
  // on the hidden 7 → cannot be shown.
  // Advice in the period: business advice C1 (3 Feb), C1 (5 Mar), the group of 10 April (C1 C2
  // C3); life coaching C3 (20 Mar); other C4 (15 May) — 5 sessions by kind (December and July
  // outside).
  advice_sessions_by_kind: [
    ['business_advice', 3],
    ['life_coaching', 1],
    ['other', 1],
    ['total', 5],
  ],
  // People: C1 C2 C4 = 3 women, C3 = 1 man, 4 in total. The man's 1 is "<3"; the total minus the
  // women's 3 would give it back, and the 0s cannot move down: the women's 3 (smaller than the
  // total's 4) hides.
  people_advised_by_gender: [
    ['female', X],
    ['male', H],
    ['other', 0],
    ['undisclosed', 0],
    ['total', 4],
  ],
  // Their sessions: C1 3 + C2 1 + C4 1 = 5 for the women, C3 2 for the man, 7 in total — hidden
  // with the people of their gender; 5 + 2 = 7 has other answers. The other's 0 is hidden too,
  // as in sessions_by_gender above: a zero costs nothing to hide, and the engine's per-table
  // start (suppressSmallCells, which pairs hidden cells with a zero) keeps it.
  advice_sessions_by_gender: [
    ['female', X],
    ['male', X],
    ['other', X],
    ['undisclosed', 0],
    ['total', 7],
  ],
  // 7 / 4 = 1.75 → 1.8; the genders' means rest on hidden counts.
  mean_advice_sessions_by_gender: [
    ['female', null],
    ['male', null],
    ['other', null],
    ['undisclosed', null],
    ['total', 1.8],
  ],
  // Held 1 January–30 June 2025: the meeting place (40: 28 public sector, 12 social
  // entrepreneurs) and the network meeting (15, no sectors); the study visit (November 2024) and
  // the workshop (July 2025) fall outside. Counts of events and attendees, no register: shown.
  enterprise_events: [
    ['meeting_place', 1, 40, 28, 12, 0, 0],
    ['network_meeting', 1, 15, 0, 0, 0, 15],
    ['enterprise_workshop', 0, 0, 0, 0, 0, 0],
    ['study_visit', 0, 0, 0, 0, 0, 0],
    ['total', 2, 55, 28, 12, 0, 15],
  ],
  // Concluded in the period: the IOP of 1 March and the procurement of 30 June. In force on 30
  // June: both IOPs (4 + 3 places) and the procurement (0 places); the reserved contract ended
  // on 30 April; the draft never counts.
  agreements: [
    ['iop', 1, 2, 7],
    ['reserved_contract', 0, 0, 0],
    ['social_procurement', 1, 1, 0],
    ['other_cooperation', 0, 0, 0],
    ['total', 2, 3, 7],
  ],
  // Syfabriken (ASF, April) and Grönt & Gott (1 January); Cykelverkstan started in August.
  enterprises_started: [
    ['asf', 1],
    ['not_asf', 1],
    ['total', 2],
  ],
  targets: [
    ['participants_female', 6, X, 'cannot_be_shown', null],
    ['participants_male', 4, X, 'cannot_be_shown', null],
    ['participants_total', 10, 12, 'met', null],
    ['participants_placed', 4, 4, 'met', null],
    ['sessions_per_participant', 2, 0.8, 'not_met', null],
    ['gender_split_female_percent', '40–60 %', null, 'cannot_be_shown', null],
    // The enterprise side, from its tables above: 2 of 5 agreements; 2 enterprises started (goal
    // 1); 5 advice sessions within 4–10; the women advised are hidden ("x"), so their target
    // cannot be shown; 4 people advised; 2 events of the 3 planned.
    ['agreements_concluded', 5, 2, 'not_met', null],
    ['enterprises_started_total', 1, 2, 'met', null],
    ['advice_sessions_total', '4–10', 5, 'met', null],
    ['people_advised_female', 3, X, 'cannot_be_shown', null],
    ['people_advised_total', 4, 4, 'met', null],
    ['enterprise_events_held', 3, 2, 'not_met', null],
  ],
};

/** Hidden values of the hand-worked tables. */
const HIDDEN = Object.values(EXPECTED)
  .flat(2)
  .filter((cell) => cell === H || cell === X).length;

describe('GET /api/programmes/:id/report — the golden report, built through the API', () => {
  let t: TestApp;
  let client: Client;
  let factories: Factories;
  let golden: GoldenDataset;
  let report: ProgrammeReport;
  const path = () =>
    `/api/programmes/${golden.programmeId}/report?from=${GOLDEN_FROM}&to=${GOLDEN_TO}`;
  const download = async (query: string) => {
    const reply = await fetch(`${t.baseUrl}${path()}${query}`, {
      headers: { authorization: `Bearer ${golden.lead.token}`, 'x-forwarded-for': client.ip },
    });
    expect(reply.status).toBe(200);
    return reply;
  };

  beforeAll(async () => {
    t = await startTestApp();
    client = new Client(t.baseUrl);
    factories = new Factories(t.dataSource);
    golden = await buildGoldenDataset(client, factories);
    const reply = await client.request<ProgrammeReport>('GET', path(), {
      token: golden.lead.token,
    });
    expect(reply.status).toBe(200);
    report = reply.body;
  }, 120_000);
  afterAll(async () => t.close());

  it('answers for the period and k, with every table in the stable order', () => {
    expect(report).toMatchObject({
      programmeId: golden.programmeId,
      from: GOLDEN_FROM,
      to: GOLDEN_TO,
      threshold: 3,
    });
    expect(report.tables.map((x) => x.key)).toEqual([...REPORT_TABLE_KEYS]);
    expect(Object.keys(EXPECTED)).toEqual(GOLDEN_KEYS);
  });

  it.each(GOLDEN_KEYS)('matches the hand-worked table %s', (key) => {
    const table = report.tables.find((x) => x.key === key);
    expect({ key, rows: table?.rows }).toEqual({ key, rows: EXPECTED[key] });
  });

  it('downloads the same cells as Swedish CSV (BOM, semicolon, decimal comma)', async () => {
    const reply = await download('&format=csv&delimiter=semicolon');
    expect(reply.headers.get('content-type')).toContain('text/csv');
    expect(reply.headers.get('content-disposition')).toBe(
      `attachment; filename="stegvis-rapport-${GOLDEN_FROM}-${GOLDEN_TO}.csv"`,
    );
    const bytes = Buffer.from(await reply.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    const tables = csvTables(parseCsv(text, ';'));
    // Every table, then the legend, then how current the data is.
    expect(tables.size).toBe(REPORT_TABLE_KEYS.length + 2);
    expect(text.trimEnd().split('\n').at(-1)).toMatch(/^Uppgifterna gäller per;\d{4}-\d\d-\d\dT/);
    expect(tables.get('Teckenförklaring')?.slice(0, 2)).toEqual([
      ['<3 = färre än 3 (dolt)'],
      ['x = dold för att skydda en annan uppgift'],
    ]);
    expect(tables.get('Deltagare planerat och utfall, per kön')).toEqual([
      ['Kön', 'Planerat', 'Utfall'],
      ['Kvinna', '6', 'x'],
      ['Man', '4', 'x'],
      ['Annat', '', '<3'],
      ['Vill ej uppge', '', '0'],
      ['Totalt', '10', '12'],
    ]);
    const means = tables.get('Genomsnittligt antal tillfällen per person, per kön');
    expect(means?.[1]).toEqual(['Kvinna', '2']);
    expect(means?.at(-1)).toEqual(['Totalt', '1,5']);
    const income =
      tables.get(
        'Försörjning vid start och avslut, per kön (deltagare som avslutats under perioden)',
      ) ?? [];
    expect(income[0].slice(-3)).toEqual(['Totalt, start', 'Totalt, avslut', 'Totalt, förändring']);
    expect(income.find((row) => row[0] === 'Försörjningsstöd')?.slice(-3)).toEqual([
      '4',
      '0',
      '-4',
    ]);
    expect(income.find((row) => row[0] === 'Lön/egen försörjning')?.slice(1, 4)).toEqual([
      '0',
      '<3',
      '',
    ]);
    expect(tables.get('Målsättningar mot utfall')?.slice(5, 8)).toEqual([
      ['Tillfällen per deltagare', '2', '0,8', 'Ej uppnått', ''],
      ['Andel kvinnor (%)', '40–60 %', '', 'Kan inte visas', ''],
      ['Avtal slutna med sociala företag', '5', '2', 'Ej uppnått', ''],
    ]);
  });

  it('downloads English CSV with commas and decimal points', async () => {
    const reply = await download('&format=csv&lang=en');
    const tables = csvTables(parseCsv(await reply.text(), ','));
    expect(
      tables.get('Step progression: mean change per indicator and share who moved forward'),
    ).toEqual([
      ['Measure', 'Participants', 'Mean change', 'Share (%)'],
      ['Motivation and drive', '4', '0.3', ''],
      ['Work skills and experience', '4', '0.5', ''],
      ['All indicators', '6', '0.5', ''],
      ['Moved forward', '3', '', '50'],
    ]);
    expect(tables.get('Exit reasons, by gender')?.at(-1)).toEqual([
      'Total',
      'x',
      'x',
      '0',
      '0',
      '5',
    ]);
  });

  it('downloads XLSX: a sheet per table, the hand-worked cells, and the hidden-value count', async () => {
    const reply = await download('&format=xlsx');
    expect(reply.headers.get('content-disposition')).toContain('.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await reply.arrayBuffer());
    const names = workbook.worksheets.map((sheet) => sheet.name);
    expect(names).toEqual([
      'Om rapporten',
      ...REPORT_TABLE_KEYS.map((key) => REPORT_SHEET_NAMES.sv[key]),
    ]);
    expect(names.slice(1, 3)).toEqual(['Deltagare per kön', 'Nya, avslutade och aktiva']);
    const about = workbook.getWorksheet('Om rapporten');
    expect(about?.getRow(1).values).toEqual([undefined, 'Insats', golden.programmeName]);
    expect(about?.getRow(2).values).toEqual([undefined, 'Period', '2025-01-01 – 2025-06-30']);
    expect(about?.getRow(3).getCell(2).value).toBe(3);
    // The hand-worked tables' hidden values and those of the transition tables.
    const transitionsHidden = report.tables
      .filter((x) => !(GOLDEN_KEYS as string[]).includes(x.key))
      .flatMap((x) => x.rows.flatMap((row) => row.slice(2)))
      .filter((cell) => cell === H || cell === 'x').length;
    expect(about?.getRow(4).values).toEqual([
      undefined,
      'Dolda värden',
      HIDDEN + transitionsHidden,
    ]);
    const aboutLines: string[] = [];
    about?.eachRow((row) => aboutLines.push(String(row.getCell(1).value)));
    expect(aboutLines).toEqual(
      expect.arrayContaining([
        'Teckenförklaring',
        '<3 = färre än 3 (dolt)',
        'x = dold för att skydda en annan uppgift',
      ]),
    );

    const cells = (key: GoldenKey, row: number) => {
      const sheet = workbook.getWorksheet(REPORT_SHEET_NAMES.sv[key]);
      const width = EXPECTED[key][0].length;
      // Row 1 the title, row 2 the headings: data row n (from 1) is sheet row n + 2.
      return Array.from({ length: width }, (_, c) => sheet?.getRow(row + 2).getCell(c + 1).value);
    };
    expect(cells('participants_by_gender', 2)).toEqual(['Man', 4, 'x']);
    expect(cells('participants_by_gender', 3)).toEqual(['Annat', null, '<3']);
    expect(cells('participation_flow', 4)).toEqual([
      'Aktiva vid periodens slut',
      4,
      '<3',
      '<3',
      0,
      7,
    ]);
    expect(cells('follow_ups', 5)).toEqual(['Totalt', 22, 13, 9]);
    expect(cells('step_progression', 4)).toEqual(['Gått framåt', 3, null, 50]);
    expect(cells('targets', 5)).toEqual(['Tillfällen per deltagare', 2, 0.8, 'Ej uppnått', null]);
    expect(cells('occupation_start_exit', 8).slice(-3)).toEqual(['x', 'x', null]);
  });

  it('downloads English XLSX: English sheet names, headings and legend', async () => {
    const reply = await download('&format=xlsx&lang=en');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await reply.arrayBuffer());
    const names = workbook.worksheets.map((sheet) => sheet.name);
    expect(names.slice(0, 3)).toEqual([
      'About the report',
      'Participants by gender',
      'Started, exited and active',
    ]);
    expect(new Set(names.map((name) => name.toLowerCase())).size).toBe(names.length);
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[[\]:*?/\\]/);
    }
    const income = workbook.getWorksheet('Income start and exit');
    expect(income?.getRow(1).getCell(1).value).toBe(
      'Income sources at start and at exit (participants who exited in the period), by gender',
    );
    expect((income?.getRow(2).values as unknown[]).slice(1, 5)).toEqual([
      'Income source',
      'Woman, start',
      'Woman, exit',
      'Woman, change',
    ]);
    const work = workbook.getWorksheet('Work or studies at exit');
    expect((work?.getRow(2).values as unknown[]).slice(1)).toEqual([
      'Gender',
      'Work or studies',
      'Other',
      'Exited',
      'Share (%)',
    ]);
    const lines: string[] = [];
    work?.eachRow((row) => lines.push(String(row.getCell(1).value)));
    expect(lines.slice(-3)).toEqual([
      '<3 = fewer than 3 (hidden)',
      'x = hidden to protect another figure',
      'Empty cell (– on screen) = a mean or share not shown, because it rests on a hidden count',
    ]);
  });

  it('gives a coach of another programme 404 and audits each report with its parameters', async () => {
    const other = await factories.loggedIn(client, 'coach', {
      programmeIds: [(await factories.programme()).id],
    });
    expect((await client.request('GET', path(), { token: other.token })).status).toBe(404);
    const own = await client.request<ProgrammeReport>('GET', path(), {
      token: golden.coach.token,
    });
    expect(own.status).toBe(200);
    // A coach of the programme gets the same anonymised tables as the lead.
    expect(own.body.tables).toEqual(report.tables);
    const csv = await client.request('GET', `${path()}&format=csv`, { token: golden.coach.token });
    expect(csv.status).toBe(200);
    const rows: { action: string; entity: string; detail: Record<string, unknown> }[] =
      await t.dataSource.query(
        `SELECT action, entity, detail FROM audit_log
          WHERE user_id = $1 AND entity = 'report' ORDER BY id`,
        [golden.coach.id],
      );
    expect(
      rows.map((row) => [row.action, row.entity, row.detail['from'], row.detail['format']]),
    ).toEqual([
      ['read', 'report', GOLDEN_FROM, 'json'],
      ['export', 'report', GOLDEN_FROM, 'csv'],
    ]);
  });

  it('answers 400 with field messages for a bad period or format', async () => {
    const get = (query: string) =>
      client.request<{ fields?: Record<string, string[]> }>(
        'GET',
        `/api/programmes/${golden.programmeId}/report?${query}`,
        { token: golden.lead.token },
      );
    const missing = await get('from=2025-01-01');
    expect(missing.status).toBe(400);
    expect(Object.keys(missing.body.fields ?? {})).toEqual(['to']);
    const backwards = await get('from=2025-06-30&to=2025-01-01');
    expect(backwards.status).toBe(400);
    expect(backwards.body.fields).toHaveProperty('to');
    expect((await get('from=2025-02-30&to=2025-06-30')).status).toBe(400);
    // Off the grid of half-years: a day shifted would tell about that day's people, and a year
    // beside its halves about those who started in the second (docs/reports.md "The period").
    for (const period of [
      'from=2025-01-02&to=2025-06-30',
      'from=2025-01-01&to=2025-03-31',
      'from=2025-01-01&to=2025-12-31',
    ]) {
      const shifted = await get(period);
      expect(shifted.status).toBe(400);
      expect(shifted.body.fields?.['from']?.[0]).toMatch(/calendar half-year/);
    }
    expect((await get('from=2025-07-01&to=2025-12-31')).status).toBe(200);
    // A half-year that has not begun has nothing to report yet.
    const ahead = await get('from=2099-01-01&to=2099-06-30');
    expect(ahead.status).toBe(400);
    expect(ahead.body.fields?.['from']?.[0]).toMatch(/not begun/);
    expect((await get('from=2025-01-01&to=2025-06-30&format=pdf')).status).toBe(400);
    expect((await get('from=2025-01-01&to=2025-06-30&extra=1')).status).toBe(400);
  });
});
