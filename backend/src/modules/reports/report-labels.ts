import type { Locale, ReportTableKey } from '@stegvis/contracts';

/*
 * Headings for report and export files. JSON keeps the wire codes; files are read by people, in
 * Swedish by default. A code without a label here is shown as it is.
 */

const TITLES_SV: Record<ReportTableKey, string> = {
  participants_by_gender: 'Deltagare planerat och utfall, per kön',
  participation_flow: 'Deltagare under perioden, nya, avslutade och aktiva vid periodens slut',
  sessions_by_kind: 'Genomförda tillfällen per typ',
  people_reached_by_gender: 'Personer som deltagit i minst ett tillfälle, per kön',
  sessions_by_gender: 'Deltagande i tillfällen, per kön',
  mean_sessions_by_gender: 'Genomsnittligt antal tillfällen per person, per kön',
  placements_by_kind: 'Placeringar under perioden per typ, och antal företag',
  follow_ups: 'Uppföljningar av placeringar: planerade, gjorda och försenade',
  exit_reasons: 'Avslutsorsaker, per kön',
  work_or_studies_at_exit: 'I arbete eller studier vid avslut, per kön',
  income_sources_start_exit: 'Försörjning vid start och avslut, per kön',
  occupation_start_exit: 'Sysselsättning vid start och avslut, per kön',
  age_bands: 'Ålder vid start, per kön',
  education: 'Högsta avslutade utbildning, per kön',
  time_in_support: 'Tid i offentlig försörjning före start, per kön',
  step_progression:
    'Stegförflyttning: genomsnittlig förändring per indikator och andel som gått framåt',
  targets: 'Målsättningar mot utfall',
};

const SV: Record<string, string> = {
  total: 'Totalt',
  female: 'Kvinna',
  male: 'Man',
  other: 'Annat',
  undisclosed: 'Vill ej uppge',
  unknown: 'Okänd',
  gender: 'Kön',
  planned: 'Planerat',
  actual: 'Utfall',
  measure: 'Mått',
  in_period: 'Under perioden',
  started: 'Nya',
  exited: 'Avslutade',
  active_at_end: 'Aktiva vid periodens slut',
  kind: 'Typ',
  count: 'Antal',
  mean: 'Medelvärde',
  individual_coaching: 'Individuell coachning',
  life_coaching: 'Livscoachning',
  business_advice: 'Affärsrådgivning',
  group_workshop: 'Framtidsverkstad (grupp)',
  follow_up_visit: 'Uppföljningsbesök',
  placements: 'Placeringar',
  enterprises: 'Företag',
  work_training: 'Arbetsträning',
  internship: 'Praktik',
  subsidised_employment: 'Anställning med stöd',
  employment: 'Anställning',
  placement_kind: 'Placeringstyp',
  due: 'Planerade',
  done: 'Gjorda',
  overdue: 'Försenade',
  exit_reason: 'Avslutsorsak',
  work: 'Arbete',
  studies: 'Studier',
  other_programme: 'Annan insats',
  job_seeking: 'Arbetssökande',
  sick_leave: 'Sjukskrivning',
  moved: 'Flytt',
  dropped_out: 'Avbrott',
  registered_in_error: 'Felregistrering',
  work_or_studies: 'Arbete eller studier',
  share_percent: 'Andel (%)',
  income_source: 'Försörjning',
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
  occupation: 'Sysselsättning',
  age_band: 'Åldersgrupp',
  education: 'Utbildning',
  none_or_primary_incomplete: 'Ej fullständig grundskola',
  primary: 'Grundskola',
  upper_secondary_incomplete: 'Ej fullständigt gymnasium',
  upper_secondary: 'Gymnasium',
  post_secondary_short: 'Eftergymnasial, kortare än 3 år',
  university: 'Högskola 3 år eller mer',
  time_in_support: 'Tid i offentlig försörjning',
  lt_1: 'Under 1 år',
  '1_2': '1–2 år',
  '2_5': '2–5 år',
  gt_5: 'Över 5 år',
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
};

export function tableTitle(key: ReportTableKey, english: string, lang: Locale): string {
  return lang === 'sv' ? TITLES_SV[key] : english;
}

/** A code as a heading: `female_start` → "Kvinna, start". */
export function label(code: string, lang: Locale): string {
  if (lang === 'en') return code === 'total' ? 'Total' : code;
  const direct = SV[code];
  if (direct) return direct;
  const phase = /^(.+)_(start|exit|change)$/.exec(code);
  if (phase && SV[phase[1]]) return `${SV[phase[1]]}, ${SV[phase[2]]}`;
  return code;
}

export function yesNo(value: boolean, lang: Locale): string {
  return lang === 'sv' ? (value ? 'ja' : 'nej') : value ? 'yes' : 'no';
}

export const FILE_TEXT = {
  sv: {
    about: 'Om rapporten',
    aboutExport: 'Om exporten',
    data: 'Data',
    programme: 'Insats',
    period: 'Period',
    threshold: 'Gräns för små tal (k)',
    generated: 'Skapad',
    suppressed: 'Dolda värden',
    suppressionNote:
      'Antal under k visas som "<k"; fler värden döljs så att inget kan räknas fram ur summorna. Medelvärden och andelar som bygger på dolda antal lämnas tomma.',
    periodRule:
      'En deltagare räknas under perioden om den började senast periodens sista dag och inte avslutades före dess första dag.',
    rows: 'Rader',
    suppressedRows: 'Borttagna rader (för små grupper)',
    generalised: 'Generaliserade kvasi-identifierare',
    exportNote:
      'En rad per deltagande. Pseudonymen gäller bara den här exporten. Inga namn, personnummer, fritext eller exakta datum.',
  },
  en: {
    about: 'About the report',
    aboutExport: 'About the export',
    data: 'Data',
    programme: 'Programme',
    period: 'Period',
    threshold: 'Small-count threshold (k)',
    generated: 'Generated',
    suppressed: 'Hidden values',
    suppressionNote:
      'Counts below k are shown as "<k"; more values are hidden so that none can be worked out from the totals. Means and shares that rest on hidden counts are left empty.',
    periodRule:
      'A participation counts in the period if it started on or before its last day and did not end before its first day.',
    rows: 'Rows',
    suppressedRows: 'Rows left out (groups too small)',
    generalised: 'Generalised quasi-identifiers',
    exportNote:
      'One row per participation. The pseudonym holds for this export only. No names, identity numbers, free text or exact dates.',
  },
} as const;
