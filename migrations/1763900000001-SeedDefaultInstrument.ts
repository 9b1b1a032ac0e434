import { MigrationInterface, QueryRunner } from 'typeorm';

const STAGES_SV = ['Mycket svårt', 'Svårt', 'Delvis', 'Ganska bra', 'Bra'];
const STAGES_EN = ['Very hard', 'Hard', 'In part', 'Fairly well', 'Well'];

/** Stegvis's own step-progression instrument, in our own words, for every programme. */
const INDICATORS = [
  ['motivation', 'Motivation och drivkraft', 'Motivation and drive'],
  ['self_confidence', 'Självförtroende', 'Self-confidence'],
  ['health_capacity', 'Hälsa och ork', 'Health and capacity'],
  ['daily_structure', 'Struktur i vardagen', 'Daily structure'],
  ['social_communication', 'Samarbete och kommunikation', 'Social and communication skills'],
  ['swedish_language', 'Svenska språket', 'Swedish language'],
  ['job_seeking', 'Att söka arbete', 'Job-search skills'],
  ['work_skills', 'Arbetsförmåga och erfarenhet', 'Work skills and experience'],
].map(([key, labelSv, labelEn]) => ({
  key,
  labelSv,
  labelEn,
  min: 1,
  max: 5,
  stagesSv: STAGES_SV,
  stagesEn: STAGES_EN,
}));

export class SeedDefaultInstrument1763900000001 implements MigrationInterface {
  name = 'SeedDefaultInstrument1763900000001';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `INSERT INTO instruments (programme_id, key, version, name_sv, name_en, indicators)
       VALUES (NULL, 'stegvis', 1, 'Stegvis stegförflyttning', 'Stegvis step progression', $1)`,
      [JSON.stringify(INDICATORS)],
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DELETE FROM instruments WHERE key = 'stegvis' AND version = 1 AND programme_id IS NULL`,
    );
  }
}
