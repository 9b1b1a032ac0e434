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
  EnterpriseEventKind,
  AttendeeSector,
  AgreementKind,
  AgreementStatus,
  AdviceKind,
  AdviceFormat,
  GroupSeriesKind,
} from './codes';
import type { ExportColumn, ReportTableKey } from './reports';

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
  enterpriseEventKind: Record<EnterpriseEventKind, string>;
  attendeeSector: Record<AttendeeSector, string>;
  agreementKind: Record<AgreementKind, string>;
  agreementStatus: Record<AgreementStatus, string>;
  adviceKind: Record<AdviceKind, string>;
  adviceFormat: Record<AdviceFormat, string>;
  groupSeriesKind: Record<GroupSeriesKind, string>;
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
    enterpriseEventKind: {
      meeting_place: 'Mötesplats',
      network_meeting: 'Nätverksträff',
      enterprise_workshop: 'Workshop för företag',
      study_visit: 'Studiebesök',
    },
    attendeeSector: {
      public_sector: 'Offentlig sektor',
      social_entrepreneurs: 'Samhällsentreprenörer',
      other: 'Övriga',
    },
    agreementKind: {
      iop: 'IOP (idéburet offentligt partnerskap)',
      reserved_contract: 'Reserverat kontrakt',
      social_procurement: 'Upphandling med sociala krav',
      other_cooperation: 'Annat samverkansavtal',
    },
    agreementStatus: {
      draft: 'Utkast',
      active: 'Gällande',
      ended: 'Avslutat',
    },
    adviceKind: {
      business_advice: 'Affärsrådgivning',
      life_coaching: 'Livscoachning',
      other: 'Annan rådgivning',
    },
    adviceFormat: {
      individual: 'Enskild',
      group: 'Grupp',
    },
    groupSeriesKind: {
      future_workshop: 'Framtidsverkstad',
      business_programme: 'Affärsprogram',
      course: 'Kurs',
      other: 'Annat',
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
    enterpriseEventKind: {
      meeting_place: 'Meeting place',
      network_meeting: 'Network meeting',
      enterprise_workshop: 'Workshop for enterprises',
      study_visit: 'Study visit',
    },
    attendeeSector: {
      public_sector: 'Public sector',
      social_entrepreneurs: 'Social entrepreneurs',
      other: 'Others',
    },
    agreementKind: {
      iop: 'IOP (idea-based public partnership)',
      reserved_contract: 'Reserved contract',
      social_procurement: 'Procurement with social requirements',
      other_cooperation: 'Other cooperation agreement',
    },
    agreementStatus: {
      draft: 'Draft',
      active: 'In force',
      ended: 'Ended',
    },
    adviceKind: {
      business_advice: 'Business advice',
      life_coaching: 'Life coaching',
      other: 'Other advice',
    },
    adviceFormat: {
      individual: 'Individual',
      group: 'Group',
    },
    groupSeriesKind: {
      future_workshop: 'Future workshop (framtidsverkstad)',
      business_programme: 'Business programme',
      course: 'Course',
      other: 'Other',
    },
  },
};

/**
 * One line on each income source, for the snapshot form: what the benefit is and who pays it, in
 * words a participant recognises (shown under the label of its checkbox).
 */
export const INCOME_SOURCE_HINTS: Record<Locale, Record<IncomeSource, string>> = {
  sv: {
    sickness_benefit:
      'Från Försäkringskassan vid sjukdom, eller under arbetslivsinriktad rehabilitering.',
    activity_compensation:
      'Från Försäkringskassan till den som är 19–29 år och inte kan arbeta heltid på grund av sjukdom eller funktionsnedsättning.',
    sickness_compensation:
      'Från Försäkringskassan till den som är 19–64 år och troligen aldrig kan arbeta heltid.',
    unemployment_insurance: 'Ersättning från en arbetslöshetskassa till den som är arbetslös.',
    activity_support:
      'Från Försäkringskassan vid ett arbetsmarknadsprogram hos Arbetsförmedlingen (utvecklingsersättning för den som är under 25).',
    establishment_allowance:
      'Till den som nyligen fått uppehållstillstånd och deltar i etableringsprogrammet.',
    social_assistance: 'Ekonomiskt bistånd från kommunens socialtjänst.',
    salary: 'Lön från ett arbete, eget företag eller annan egen inkomst.',
    student_finance: 'Studiebidrag och studielån från CSN.',
    none_or_unknown: 'Ingen egen försörjning, eller så är den inte känd.',
  },
  en: {
    sickness_benefit:
      'From the Social Insurance Agency during illness or vocational rehabilitation.',
    activity_compensation:
      'From the Social Insurance Agency for people aged 19–29 who cannot work full time because of illness or disability.',
    sickness_compensation:
      'From the Social Insurance Agency for people aged 19–64 who will probably never be able to work full time.',
    unemployment_insurance: 'Paid by an unemployment insurance fund to someone out of work.',
    activity_support:
      'From the Social Insurance Agency during a labour market programme of the Public Employment Service (development allowance under 25).',
    establishment_allowance:
      'For newly arrived refugees and their families in the introduction programme.',
    social_assistance: 'Financial assistance from the municipal social services.',
    salary: 'Pay from a job, one’s own business or other income of one’s own.',
    student_finance: 'Study grants and loans from CSN.',
    none_or_unknown: 'No income of one’s own, or it is not known.',
  },
};

/** Row labels of exit targets: `exits_to_work_or_studies[_percent]_<gender|total>`. */
function exitTargetWords(locale: Locale): Record<string, string> {
  const who: Record<Gender | 'total', Record<Locale, string>> = {
    female: { sv: 'kvinnor', en: 'women' },
    male: { sv: 'män', en: 'men' },
    other: { sv: 'annat', en: 'other' },
    undisclosed: { sv: 'vill ej uppge', en: 'prefers not to say' },
    total: { sv: 'totalt', en: 'in total' },
  };
  const words: Record<string, string> = {};
  for (const [code, text] of Object.entries(who)) {
    words[`exits_to_work_or_studies_${code}`] =
      locale === 'sv'
        ? `Avslut till arbete eller studier, ${text.sv}`
        : `Exits to work or studies, ${text.en}`;
    words[`exits_to_work_or_studies_percent_${code}`] =
      locale === 'sv'
        ? `Andel avslut till arbete eller studier, ${text.sv} (%)`
        : `Share of exits to work or studies, ${text.en} (%)`;
  }
  return words;
}

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
    met: 'Uppnått',
    not_met: 'Ej uppnått',
    cannot_be_shown: 'Kan inte visas',
    status: 'Status',
    label: 'Benämning',
    ...exitTargetWords('sv'),
    agreements_concluded: 'Avtal slutna med sociala företag',
    enterprises_started_total: 'Startade sociala företag',
    advice_sessions_total: 'Rådgivningstillfällen',
    people_advised_female: 'Personer med rådgivning, kvinnor',
    people_advised_male: 'Personer med rådgivning, män',
    people_advised_other: 'Personer med rådgivning, annat',
    people_advised_undisclosed: 'Personer med rådgivning, vill ej uppge',
    people_advised_total: 'Personer med rådgivning totalt',
    enterprise_events_held: 'Mötesplatser, nätverksträffar och workshoppar',
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
    occupation_start: 'Sysselsättning vid start',
    income_source_start: 'Försörjning vid start',
    participants_with_source: 'Deltagare med försörjningen vid start',
    at_exit: 'Vid avslut',
    events: 'Träffar',
    series: 'Serier med träffar',
    meetings: 'Träffar under perioden',
    attendance_percent: 'Närvaro (%)',
    enrolled: 'Inskrivna',
    completed: 'Fullföljt',
    attendees: 'Deltagare totalt',
    attendees_public_sector: 'Från offentlig sektor',
    attendees_social_entrepreneurs: 'Samhällsentreprenörer',
    attendees_other_sector: 'Övriga',
    attendees_no_sector: 'Ej fördelade på sektor',
    concluded: 'Slutna under perioden',
    active_agreements: 'Gällande vid periodens slut',
    work_training_places: 'Arbetsträningsplatser (gällande avtal)',
    asf: 'Arbetsintegrerande sociala företag',
    not_asf: 'Övriga sociala företag',
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
    not_met: 'Not met',
    cannot_be_shown: 'Cannot be shown',
    status: 'Status',
    label: 'Label',
    ...exitTargetWords('en'),
    agreements_concluded: 'Agreements concluded with social enterprises',
    enterprises_started_total: 'Social enterprises started',
    advice_sessions_total: 'Advice sessions',
    people_advised_female: 'People advised, women',
    people_advised_male: 'People advised, men',
    people_advised_other: 'People advised, other',
    people_advised_undisclosed: 'People advised, prefers not to say',
    people_advised_total: 'People advised in total',
    enterprise_events_held: 'Meeting places, network meetings and workshops',
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
    occupation_start: 'Occupation at start',
    income_source_start: 'Income source at start',
    participants_with_source: 'Participants with the source at start',
    at_exit: 'At exit',
    events: 'Events',
    series: 'Series with meetings',
    meetings: 'Meetings in the period',
    attendance_percent: 'Attendance (%)',
    enrolled: 'Enrolled',
    completed: 'Completed',
    attendees: 'Attendees in total',
    attendees_public_sector: 'From the public sector',
    attendees_social_entrepreneurs: 'Social entrepreneurs',
    attendees_other_sector: 'Others',
    attendees_no_sector: 'Not broken down by sector',
    concluded: 'Concluded in the period',
    active_agreements: 'In force at the end of the period',
    work_training_places: 'Work-training places (agreements in force)',
    asf: 'Work-integration social enterprises',
    not_asf: 'Other social enterprises',
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
    group_series:
      'Gruppserier (framtidsverkstad, affärsprogram, kurs): serier och träffar under perioden och närvaro',
    series_participants_by_gender:
      'Deltagare i gruppserier, per kön: inskrivna under perioden och som fullföljt en serie som avslutades under perioden',
    placements_by_kind: 'Placeringar under perioden per typ, och antal företag',
    follow_ups: 'Uppföljningar av placeringar: planerade, gjorda och försenade',
    exit_reasons: 'Avslutsorsaker, per kön',
    work_or_studies_at_exit: 'I arbete eller studier vid avslut, per kön',
    income_sources_start_exit:
      'Försörjning vid start och avslut, per kön (deltagare som avslutats under perioden)',
    occupation_start_exit:
      'Sysselsättning vid start och avslut, per kön (deltagare som avslutats under perioden)',
    income_transitions:
      'Försörjning vid start (rader) och vid avslut (kolumner), per kön (deltagare som avslutats under perioden; en person räknas i varje par av försörjningar hen har)',
    occupation_transitions:
      'Sysselsättning vid start (rader) och vid avslut (kolumner), per kön (deltagare som avslutats under perioden)',
    age_bands: 'Ålder vid start, per kön',
    education: 'Högsta avslutade utbildning, per kön',
    time_in_support: 'Tid i offentlig försörjning före start, per kön',
    step_progression:
      'Stegförflyttning: genomsnittlig förändring per indikator och andel som gått framåt',
    advice_sessions_by_kind: 'Rådgivning till entreprenörer: tillfällen per typ',
    people_advised_by_gender: 'Personer som fått rådgivning, per kön',
    advice_sessions_by_gender:
      'Rådgivningstillfällen per kön (en person räknas i varje tillfälle hen deltagit i)',
    mean_advice_sessions_by_gender:
      'Genomsnittligt antal rådgivningstillfällen per person, per kön',
    enterprise_events:
      'Mötesplatser, nätverksträffar, workshoppar för företag och studiebesök: antal och deltagare per sektor',
    agreements:
      'Avtal mellan offentliga aktörer och sociala företag: slutna under perioden och gällande vid periodens slut, per typ',
    enterprises_started: 'Sociala företag som startats under perioden',
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
    group_series:
      'Group series (future workshop, business programme, course): series and meetings in the period, and attendance',
    series_participants_by_gender:
      'Participants in group series, by gender: enrolled during the period, and completed a series that ended in it',
    placements_by_kind: 'Placements during the period, by kind, and the enterprises they were at',
    follow_ups: 'Placement follow-ups due in the period, done and overdue',
    exit_reasons: 'Exit reasons, by gender',
    work_or_studies_at_exit: 'In work or studies at exit, by gender',
    income_sources_start_exit:
      'Income sources at start and at exit (participants who exited in the period), by gender',
    occupation_start_exit:
      'Occupation at start and at exit (participants who exited in the period), by gender',
    income_transitions:
      'Income source at start (rows) and at exit (columns), by gender (participants who exited in the period; a person counts in every pair of sources they had)',
    occupation_transitions:
      'Occupation at start (rows) and at exit (columns), by gender (participants who exited in the period)',
    age_bands: 'Age at start, by gender',
    education: 'Highest completed education, by gender',
    time_in_support: 'Time in public support before start, by gender',
    step_progression: 'Step progression: mean change per indicator and share who moved forward',
    advice_sessions_by_kind: 'Advice to entrepreneurs: sessions by kind',
    people_advised_by_gender: 'People advised, by gender',
    advice_sessions_by_gender:
      'Advice sessions by gender (a person counts in every session they took part in)',
    mean_advice_sessions_by_gender: 'Mean advice sessions per person advised, by gender',
    enterprise_events:
      'Meeting places, network meetings, workshops for enterprises and study visits: events and attendees by sector',
    agreements:
      'Agreements between public bodies and social enterprises: concluded in the period and in force at its end, by kind',
    enterprises_started: 'Social enterprises started in the period',
    targets: 'Targets against the actual figures',
  },
};

/**
 * Sheet names of the XLSX report, one per table: short (Excel allows 31 characters), none of
 * []:*?/\ and unique within a language (labels.spec.ts checks).
 */
export const REPORT_SHEET_NAMES: Record<Locale, Record<ReportTableKey, string>> = {
  sv: {
    participants_by_gender: 'Deltagare per kön',
    participation_flow: 'Nya, avslutade och aktiva',
    sessions_by_kind: 'Tillfällen per typ',
    people_reached_by_gender: 'Personer med tillfällen',
    sessions_by_gender: 'Deltagande per kön',
    mean_sessions_by_gender: 'Tillfällen per person',
    group_series: 'Gruppserier',
    series_participants_by_gender: 'Gruppserier per kön',
    placements_by_kind: 'Placeringar',
    follow_ups: 'Uppföljningar',
    exit_reasons: 'Avslutsorsaker',
    work_or_studies_at_exit: 'Arbete eller studier vid avslut',
    income_sources_start_exit: 'Försörjning start och avslut',
    occupation_start_exit: 'Sysselsättning start o avslut',
    income_transitions: 'Försörjning, övergångar',
    occupation_transitions: 'Sysselsättning, övergångar',
    age_bands: 'Ålder',
    education: 'Utbildning',
    time_in_support: 'Tid i offentlig försörjning',
    step_progression: 'Stegförflyttning',
    advice_sessions_by_kind: 'Rådgivning per typ',
    people_advised_by_gender: 'Personer med rådgivning',
    advice_sessions_by_gender: 'Rådgivning per kön',
    mean_advice_sessions_by_gender: 'Rådgivning per person',
    enterprise_events: 'Mötesplatser och nätverk',
    agreements: 'Avtal',
    enterprises_started: 'Startade sociala företag',
    targets: 'Mål och utfall',
  },
  en: {
    participants_by_gender: 'Participants by gender',
    participation_flow: 'Started, exited and active',
    sessions_by_kind: 'Sessions by kind',
    people_reached_by_gender: 'People reached',
    sessions_by_gender: 'Attendances by gender',
    mean_sessions_by_gender: 'Sessions per person',
    group_series: 'Group series',
    series_participants_by_gender: 'Group series by gender',
    placements_by_kind: 'Placements',
    follow_ups: 'Follow-ups',
    exit_reasons: 'Exit reasons',
    work_or_studies_at_exit: 'Work or studies at exit',
    income_sources_start_exit: 'Income start and exit',
    occupation_start_exit: 'Occupation start and exit',
    income_transitions: 'Income transitions',
    occupation_transitions: 'Occupation transitions',
    age_bands: 'Age',
    education: 'Education',
    time_in_support: 'Time in public support',
    step_progression: 'Step progression',
    advice_sessions_by_kind: 'Advice by kind',
    people_advised_by_gender: 'People advised',
    advice_sessions_by_gender: 'Advice by gender',
    mean_advice_sessions_by_gender: 'Advice per person',
    enterprise_events: 'Meeting places and networks',
    agreements: 'Agreements',
    enterprises_started: 'Enterprises started',
    targets: 'Targets',
  },
};

/** Column headings of the row-level export's XLSX (its CSV keeps the codes, for programs). */
export const EXPORT_COLUMN_LABELS: Record<Locale, Record<ExportColumn, string>> = {
  sv: {
    pseudonym: 'Pseudonym',
    gender: 'Kön',
    age_band: 'Åldersgrupp vid start',
    municipality: 'Kommun',
    start_quarter: 'Start (kvartal)',
    exit_quarter: 'Avslut (kvartal)',
    status: 'Status',
    exit_reason: 'Avslutsorsak',
    outcome: 'Utfall',
    start_income_sources: 'Försörjning vid start',
    start_time_in_support: 'Tid i offentlig försörjning före start',
    start_occupation: 'Sysselsättning vid start',
    start_occupation_percent: 'Sysselsättningsgrad vid start (%)',
    exit_income_sources: 'Försörjning vid avslut',
    exit_occupation: 'Sysselsättning vid avslut',
    exit_occupation_percent: 'Sysselsättningsgrad vid avslut (%)',
    sessions_attended: 'Tillfällen med närvaro',
    placements: 'Placeringar',
    progression_mean_change: 'Stegförflyttning, genomsnittlig förändring',
    ladder_change: 'Förändring på stegen',
    moved_forward: 'Gått framåt',
  },
  en: {
    pseudonym: 'Pseudonym',
    gender: 'Gender',
    age_band: 'Age band at start',
    municipality: 'Municipality',
    start_quarter: 'Start (quarter)',
    exit_quarter: 'Exit (quarter)',
    status: 'Status',
    exit_reason: 'Exit reason',
    outcome: 'Outcome',
    start_income_sources: 'Income sources at start',
    start_time_in_support: 'Time in public support before start',
    start_occupation: 'Occupation at start',
    start_occupation_percent: 'Extent of occupation at start (%)',
    exit_income_sources: 'Income sources at exit',
    exit_occupation: 'Occupation at exit',
    exit_occupation_percent: 'Extent of occupation at exit (%)',
    sessions_attended: 'Sessions attended',
    placements: 'Placements',
    progression_mean_change: 'Step progression, mean change',
    ladder_change: 'Change on the ladder',
    moved_forward: 'Moved forward',
  },
};

/**
 * The legend of the published markers, for the files and the report page alike: a count 1…k−1 is
 * `"<k"`, a cell hidden only to protect another is `"x"`, a withheld mean or share is empty.
 */
/** What "x" means, in the words of the files and the page. */
export function secondaryMarkerLegend(locale: Locale): string {
  return locale === 'sv'
    ? 'x = dold för att skydda en annan uppgift'
    : 'x = hidden to protect another figure';
}

export function reportLegend(locale: Locale, threshold: number): string[] {
  const k = threshold;
  return locale === 'sv'
    ? [
        `<${k} = färre än ${k} (dolt)`,
        secondaryMarkerLegend('sv'),
        'Tom cell (– på skärmen) = medelvärde eller andel som inte visas, eftersom den bygger på ett dolt antal',
      ]
    : [
        `<${k} = fewer than ${k} (hidden)`,
        secondaryMarkerLegend('en'),
        'Empty cell (– on screen) = a mean or share not shown, because it rests on a hidden count',
      ];
}

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
  enterprise_events: 'enterpriseEventKind',
  group_series: 'groupSeriesKind',
  series_participants_by_gender: 'gender',
  advice_sessions_by_kind: 'adviceKind',
  people_advised_by_gender: 'gender',
  advice_sessions_by_gender: 'gender',
  mean_advice_sessions_by_gender: 'gender',
  agreements: 'agreementKind',
};

/**
 * Tables whose rows lead with more than one label: the code group of each leading cell. The
 * transition tables are `[gender, start code, cells…]`, one block of rows per gender.
 */
export const REPORT_LABEL_GROUPS: Partial<Record<ReportTableKey, readonly CodeGroup[]>> = {
  income_transitions: ['gender', 'incomeSource'],
  occupation_transitions: ['gender', 'occupation'],
};

/** Tables whose column codes (after the labels) are codes of one group: the exit codes. */
export const REPORT_COLUMN_GROUP: Partial<Record<ReportTableKey, CodeGroup>> = {
  income_transitions: 'incomeSource',
  occupation_transitions: 'occupation',
};

/** How many leading cells of each row of `table` are labels (codes), not figures. */
export function reportLabelCount(table: ReportTableKey): number {
  return REPORT_LABEL_GROUPS[table]?.length ?? 1;
}

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

/** Where a code stands in a table: a column heading, or the label cell `column` of a row. */
export interface ReportLabelOptions {
  table?: ReportTableKey;
  indicators?: readonly IndicatorName[];
  /** The code is a column heading of `table` (default: a row label). */
  heading?: boolean;
  /** Which leading label cell of the row (default 0). */
  column?: number;
}

/**
 * A report code as words, for the screen and the files alike: a row label in its table's code
 * group (an indicator's name in step progression), else a heading word, else any group;
 * `female_start` → "Kvinna, start"; anything unknown (an age band such as "25–29") as it is.
 */
export function reportLabel(
  code: string,
  locale: Locale,
  options: ReportLabelOptions = {},
): string {
  const { table, indicators = [], heading = false, column = 0 } = options;
  const indicator = indicators.find((i) => i.key === code);
  if (table === 'step_progression' && indicator && !heading) {
    return locale === 'sv' ? indicator.labelSv : indicator.labelEn;
  }
  const group = !table
    ? undefined
    : heading
      ? REPORT_COLUMN_GROUP[table]
      : (REPORT_LABEL_GROUPS[table]?.[column] ??
        (column === 0 ? REPORT_ROW_GROUP[table] : undefined));
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
