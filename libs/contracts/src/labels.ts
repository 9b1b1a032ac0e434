import type {
  Attendance,
  CheckInOccasion,
  EducationLevel,
  ExitReason,
  FollowUpMode,
  Gender,
  IncomeSource,
  LadderStep,
  Occupation,
  ParticipantStatus,
  PlacementKind,
  PlacementStatus,
  PlanStepStatus,
  Rater,
  ReferredBy,
  SessionKind,
  SessionMode,
  TimeInSupport,
  Locale,
} from './codes';
import type { ReportTableKey } from './reports';

/*
 * The one source of the words for wire codes: the web app's translations (merged into them at load,
 * under the same keys, e.g. `gender.female`), and the API's report and export files take them from
 * here, so the screen and a downloaded file never name one thing two ways.
 */

/** Every code group with its codes' labels; `satisfies` keeps each group complete. */
export interface CodeLabels {
  gender: Record<Gender, string>;
  participantStatus: Record<ParticipantStatus, string>;
  sessionKind: Record<SessionKind, string>;
  sessionMode: Record<SessionMode, string>;
  attendance: Record<Attendance, string>;
  placementKind: Record<PlacementKind, string>;
  placementStatus: Record<PlacementStatus, string>;
  planStepStatus: Record<PlanStepStatus, string>;
  followUpMode: Record<FollowUpMode, string>;
  occasion: Record<CheckInOccasion, string>;
  rater: Record<Rater, string>;
  ladder: Record<LadderStep, string>;
  exitReason: Record<ExitReason, string>;
  incomeSource: Record<IncomeSource, string>;
  education: Record<EducationLevel, string>;
  timeInSupport: Record<TimeInSupport, string>;
  occupation: Record<Occupation, string>;
  referredBy: Record<ReferredBy, string>;
}

export type CodeGroup = keyof CodeLabels;

export const CODE_LABELS: Record<Locale, CodeLabels> = {
  sv: {
    gender: {
      female: 'Kvinna',
      male: 'Man',
      other: 'Annat',
      undisclosed: 'Vill ej uppge',
    },
    participantStatus: {
      active: 'Aktiv',
      paused: 'Pausad',
      exited: 'Avslutad',
    },
    sessionKind: {
      individual_coaching: 'Individuell coachning',
      life_coaching: 'Livscoachning',
      business_advice: 'Affärsrådgivning',
      group_workshop: 'Framtidsverkstad (grupp)',
      follow_up_visit: 'Uppföljningsbesök',
    },
    sessionMode: {
      on_site: 'På plats',
      digital: 'Digitalt',
      phone: 'Telefon',
    },
    attendance: {
      attended: 'Deltog',
      no_show: 'Uteblev',
      cancelled: 'Avbokad',
    },
    placementKind: {
      work_training: 'Arbetsträning',
      internship: 'Praktik',
      subsidised_employment: 'Anställning med stöd',
      employment: 'Anställning',
    },
    placementStatus: {
      planned: 'Planerad',
      active: 'Pågår',
      paused: 'Pausad',
      ended: 'Avslutad',
      aborted: 'Avbruten',
    },
    planStepStatus: {
      planned: 'Planerat',
      in_progress: 'Pågår',
      done: 'Klart',
      dropped: 'Struket',
    },
    followUpMode: {
      visit: 'Besök',
      digital: 'Digitalt',
      phone: 'Telefon',
    },
    occasion: {
      start: 'Start',
      during: 'Under insatsen',
      exit: 'Avslut',
    },
    rater: {
      participant: 'Deltagaren',
      coach: 'Coach',
      supervisor: 'Handledare',
    },
    ladder: {
      no_activity: 'Ingen aktivitet',
      preparatory_activity: 'Förberedande aktivitet',
      work_training: 'Arbetsträning/praktik',
      subsidised_employment: 'Anställning med stöd',
      job_or_studies: 'Arbete eller studier',
    },
    exitReason: {
      work: 'Arbete',
      studies: 'Studier',
      other_programme: 'Annan insats',
      job_seeking: 'Arbetssökande',
      sick_leave: 'Sjukskrivning',
      moved: 'Flytt',
      dropped_out: 'Avbrott',
      registered_in_error: 'Felregistrering',
      other: 'Annat',
    },
    incomeSource: {
      sickness_benefit: 'Sjukpenning/rehabiliteringspenning',
      activity_compensation: 'Aktivitetsersättning',
      sickness_compensation: 'Sjukersättning',
      unemployment_insurance: 'A-kassa',
      activity_support: 'Aktivitetsstöd/utvecklingsersättning',
      establishment_allowance: 'Etableringsersättning',
      social_assistance: 'Försörjningsstöd',
      salary: 'Lön/egen försörjning',
      student_finance: 'Studiemedel',
      none_or_unknown: 'Ingen/okänd',
    },
    education: {
      none_or_primary_incomplete: 'Ej fullständig grundskola',
      primary: 'Grundskola',
      upper_secondary_incomplete: 'Ej fullständigt gymnasium',
      upper_secondary: 'Gymnasium',
      post_secondary_short: 'Eftergymnasial, kortare än 3 år',
      university: 'Högskola 3 år eller mer',
      unknown: 'Okänd',
    },
    timeInSupport: {
      lt_1: 'Under 1 år',
      '1_2': '1–2 år',
      '2_5': '2–5 år',
      gt_5: 'Över 5 år',
    },
    occupation: {
      employment: 'Förvärvsarbete',
      subsidised_employment: 'Subventionerad anställning',
      studies: 'Studier',
      work_training: 'Arbetsträning/praktik',
      job_seeking: 'Aktivt arbetssökande',
      other: 'Övrigt',
    },
    referredBy: {
      municipality: 'Kommunen',
      employment_service: 'Arbetsförmedlingen',
      social_insurance: 'Försäkringskassan',
      region: 'Regionen',
      self: 'Egen anmälan',
      other: 'Annan',
    },
  },
  en: {
    gender: {
      female: 'Woman',
      male: 'Man',
      other: 'Other',
      undisclosed: 'Prefers not to say',
    },
    participantStatus: {
      active: 'Active',
      paused: 'Paused',
      exited: 'Exited',
    },
    sessionKind: {
      individual_coaching: 'Individual coaching',
      life_coaching: 'Life coaching',
      business_advice: 'Business advice',
      group_workshop: 'Group workshop',
      follow_up_visit: 'Follow-up visit',
    },
    sessionMode: {
      on_site: 'On site',
      digital: 'Digital',
      phone: 'Phone',
    },
    attendance: {
      attended: 'Attended',
      no_show: 'No-show',
      cancelled: 'Cancelled',
    },
    placementKind: {
      work_training: 'Work training',
      internship: 'Internship',
      subsidised_employment: 'Subsidised employment',
      employment: 'Employment',
    },
    placementStatus: {
      planned: 'Planned',
      active: 'Active',
      paused: 'Paused',
      ended: 'Ended',
      aborted: 'Aborted',
    },
    planStepStatus: {
      planned: 'Planned',
      in_progress: 'In progress',
      done: 'Done',
      dropped: 'Dropped',
    },
    followUpMode: {
      visit: 'Visit',
      digital: 'Digital',
      phone: 'Phone',
    },
    occasion: {
      start: 'Start',
      during: 'During',
      exit: 'Exit',
    },
    rater: {
      participant: 'Participant',
      coach: 'Coach',
      supervisor: 'Supervisor',
    },
    ladder: {
      no_activity: 'No activity',
      preparatory_activity: 'Preparatory activity',
      work_training: 'Work training/internship',
      subsidised_employment: 'Subsidised employment',
      job_or_studies: 'Job or studies',
    },
    exitReason: {
      work: 'Work',
      studies: 'Studies',
      other_programme: 'Other programme',
      job_seeking: 'Job seeking',
      sick_leave: 'Sick leave',
      moved: 'Moved',
      dropped_out: 'Dropped out',
      registered_in_error: 'Registered in error',
      other: 'Other',
    },
    incomeSource: {
      sickness_benefit: 'Sickness/rehabilitation benefit',
      activity_compensation: 'Activity compensation',
      sickness_compensation: 'Sickness compensation',
      unemployment_insurance: 'Unemployment insurance',
      activity_support: 'Activity support',
      establishment_allowance: 'Establishment allowance',
      social_assistance: 'Social assistance',
      salary: 'Salary/self-supporting',
      student_finance: 'Student finance',
      none_or_unknown: 'None/unknown',
    },
    education: {
      none_or_primary_incomplete: 'Primary school not completed',
      primary: 'Primary school',
      upper_secondary_incomplete: 'Upper secondary not completed',
      upper_secondary: 'Upper secondary',
      post_secondary_short: 'Post-secondary, under 3 years',
      university: 'University, 3 years or more',
      unknown: 'Unknown',
    },
    timeInSupport: {
      lt_1: 'Under 1 year',
      '1_2': '1–2 years',
      '2_5': '2–5 years',
      gt_5: 'Over 5 years',
    },
    occupation: {
      employment: 'Paid work',
      subsidised_employment: 'Subsidised employment',
      studies: 'Studies',
      work_training: 'Work training/internship',
      job_seeking: 'Actively seeking work',
      other: 'Other',
    },
    referredBy: {
      municipality: 'The municipality',
      employment_service: 'The Public Employment Service',
      social_insurance: 'The Social Insurance Agency',
      region: 'The region',
      self: 'Self-referral',
      other: 'Other',
    },
  },
};

/** The words of report headings that are not codes of a row group (columns, measures, targets). */
export const REPORT_WORDS: Record<Locale, Record<string, string>> = {
  sv: {
    total: 'Totalt',
    unknown: 'Okänd',
    gender: 'Kön',
    planned: 'Planerat',
    actual: 'Utfall',
    measure: 'Mått',
    in_period: 'Deltagare under perioden',
    started: 'Nya',
    exited: 'Avslutade',
    active_at_end: 'Aktiva vid periodens slut',
    kind: 'Typ',
    count: 'Antal',
    mean: 'Medelvärde',
    placements: 'Placeringar',
    enterprises: 'Företag',
    placement_kind: 'Placeringstyp',
    due: 'Planerade',
    done: 'Gjorda',
    overdue: 'Försenade',
    exit_reason: 'Avslutsorsak',
    work_or_studies: 'Arbete eller studier',
    share_percent: 'Andel (%)',
    income_source: 'Försörjning',
    occupation: 'Sysselsättning',
    age_band: 'Åldersgrupp',
    education: 'Utbildning',
    time_in_support: 'Tid i offentlig försörjning',
    participants: 'Deltagare',
    mean_change: 'Genomsnittlig förändring',
    overall: 'Samtliga indikatorer',
    moved_forward: 'Gått framåt',
    target: 'Mål',
    goal: 'Målvärde',
    met: 'Uppfyllt',
    participants_female: 'Deltagare, kvinnor',
    participants_male: 'Deltagare, män',
    participants_other: 'Deltagare, annat',
    participants_undisclosed: 'Deltagare, vill ej uppge',
    participants_total: 'Deltagare totalt',
    participants_placed: 'Deltagare i placering',
    sessions_per_participant: 'Tillfällen per deltagare',
    gender_split_female_percent: 'Andel kvinnor (%)',
    start: 'start',
    exit: 'avslut',
    change: 'förändring',
    indicator: 'Indikator',
  },
  en: {
    total: 'Total',
    unknown: 'Unknown',
    gender: 'Gender',
    planned: 'Planned',
    actual: 'Actual',
    measure: 'Measure',
    in_period: 'Participants in the period',
    started: 'Started',
    exited: 'Exited',
    active_at_end: 'Active at the end',
    kind: 'Kind',
    count: 'Count',
    mean: 'Mean',
    placements: 'Placements',
    enterprises: 'Enterprises',
    placement_kind: 'Placement kind',
    due: 'Due',
    done: 'Done',
    overdue: 'Overdue',
    exit_reason: 'Exit reason',
    work_or_studies: 'Work or studies',
    share_percent: 'Share (%)',
    income_source: 'Income source',
    occupation: 'Occupation',
    age_band: 'Age band',
    education: 'Education',
    time_in_support: 'Time in public support',
    participants: 'Participants',
    mean_change: 'Mean change',
    overall: 'All indicators',
    moved_forward: 'Moved forward',
    target: 'Target',
    goal: 'Goal',
    met: 'Met',
    participants_female: 'Participants, women',
    participants_male: 'Participants, men',
    participants_other: 'Participants, other',
    participants_undisclosed: 'Participants, prefers not to say',
    participants_total: 'Participants in total',
    participants_placed: 'Participants placed',
    sessions_per_participant: 'Sessions per participant',
    gender_split_female_percent: 'Share of women (%)',
    start: 'start',
    exit: 'exit',
    change: 'change',
    indicator: 'Indicator',
  },
};

/** Table titles; the report's JSON carries the English one. */
export const REPORT_TITLES: Record<Locale, Record<ReportTableKey, string>> = {
  sv: {
    participants_by_gender: 'Deltagare planerat och utfall, per kön',
    participation_flow:
      'Deltagare under perioden: nya, avslutade och aktiva vid periodens slut, per kön',
    sessions_by_kind: 'Genomförda tillfällen per typ',
    people_reached_by_gender: 'Personer som deltagit i minst ett tillfälle, per kön',
    sessions_by_gender: 'Deltagande i tillfällen, per kön',
    mean_sessions_by_gender: 'Genomsnittligt antal tillfällen per person, per kön',
    placements_by_kind: 'Placeringar under perioden per typ, och antal företag',
    follow_ups: 'Uppföljningar av placeringar: planerade, gjorda och försenade',
    exit_reasons: 'Avslutsorsaker, per kön',
    work_or_studies_at_exit: 'I arbete eller studier vid avslut, per kön',
    income_sources_start_exit:
      'Försörjning vid start och avslut, per kön (deltagare som avslutats under perioden)',
    occupation_start_exit:
      'Sysselsättning vid start och avslut, per kön (deltagare som avslutats under perioden)',
    age_bands: 'Ålder vid start, per kön',
    education: 'Högsta avslutade utbildning, per kön',
    time_in_support: 'Tid i offentlig försörjning före start, per kön',
    step_progression:
      'Stegförflyttning: genomsnittlig förändring per indikator och andel som gått framåt',
    targets: 'Målsättningar mot utfall',
  },
  en: {
    participants_by_gender: 'Participants planned and actual, by gender',
    participation_flow:
      'Participants in the period, started, exited and active at its end, by gender',
    sessions_by_kind: 'Sessions held, by kind',
    people_reached_by_gender: 'People who attended at least one session, by gender',
    sessions_by_gender: 'Session attendances, by gender',
    mean_sessions_by_gender: 'Mean sessions per person reached, by gender',
    placements_by_kind: 'Placements during the period, by kind, and the enterprises they were at',
    follow_ups: 'Placement follow-ups due in the period, done and overdue',
    exit_reasons: 'Exit reasons, by gender',
    work_or_studies_at_exit: 'In work or studies at exit, by gender',
    income_sources_start_exit:
      'Income sources at start and at exit (participants who exited in the period), by gender',
    occupation_start_exit:
      'Occupation at start and at exit (participants who exited in the period), by gender',
    age_bands: 'Age at start, by gender',
    education: 'Highest completed education, by gender',
    time_in_support: 'Time in public support before start, by gender',
    step_progression: 'Step progression: mean change per indicator and share who moved forward',
    targets: 'Targets against the actual figures',
  },
};

/** The code group a table's row labels come from (the same code can mean two things elsewhere). */
export const REPORT_ROW_GROUP: Partial<Record<ReportTableKey, CodeGroup>> = {
  participants_by_gender: 'gender',
  people_reached_by_gender: 'gender',
  sessions_by_gender: 'gender',
  mean_sessions_by_gender: 'gender',
  work_or_studies_at_exit: 'gender',
  sessions_by_kind: 'sessionKind',
  placements_by_kind: 'placementKind',
  follow_ups: 'placementKind',
  exit_reasons: 'exitReason',
  income_sources_start_exit: 'incomeSource',
  occupation_start_exit: 'occupation',
  education: 'education',
  time_in_support: 'timeInSupport',
};

/** Where a code is looked up when no table says which group it belongs to. */
const FALLBACK_GROUPS: readonly CodeGroup[] = [
  'gender',
  'sessionKind',
  'placementKind',
  'exitReason',
  'incomeSource',
  'occupation',
  'education',
  'timeInSupport',
];

/** What a label needs of an instrument's indicator. */
export interface IndicatorName {
  key: string;
  labelSv: string;
  labelEn: string;
}

/** The label of one code of a group, or undefined for a code the group does not have. */
export function codeLabel(group: CodeGroup, code: string, locale: Locale): string | undefined {
  const labels: Record<string, string> = CODE_LABELS[locale][group];
  return Object.prototype.hasOwnProperty.call(labels, code) ? labels[code] : undefined;
}

function word(code: string, locale: Locale): string | undefined {
  const words = REPORT_WORDS[locale];
  return Object.prototype.hasOwnProperty.call(words, code) ? words[code] : undefined;
}

/**
 * A report code as words, for the screen and the files alike: a row label in its table's code
 * group (an indicator's name in step progression), else a heading word, else any group;
 * `female_start` → "Kvinna, start"; anything unknown (an age band such as "25–29") as it is.
 */
export function reportLabel(
  code: string,
  locale: Locale,
  options: { table?: ReportTableKey; indicators?: readonly IndicatorName[] } = {},
): string {
  const { table, indicators = [] } = options;
  const indicator = indicators.find((i) => i.key === code);
  if (table === 'step_progression' && indicator) {
    return locale === 'sv' ? indicator.labelSv : indicator.labelEn;
  }
  const group = table ? REPORT_ROW_GROUP[table] : undefined;
  const direct =
    (group && codeLabel(group, code, locale)) ??
    word(code, locale) ??
    FALLBACK_GROUPS.map((g) => codeLabel(g, code, locale)).find((x) => x !== undefined);
  if (direct) return direct;
  if (indicator) return locale === 'sv' ? indicator.labelSv : indicator.labelEn;
  const phase = /^(.+)_(start|exit|change)$/.exec(code);
  if (phase) {
    const head = reportLabel(phase[1], locale);
    if (head !== phase[1]) return `${head}, ${word(phase[2], locale) ?? phase[2]}`;
  }
  // A range such as the age band "25-29" is a code on the wire and reads with an en dash.
  return code.replace(/^(\d+)-(\d+)$/, '$1–$2');
}
