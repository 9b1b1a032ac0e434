import type { Enterprise } from '@stegvis/contracts';
import type { EnterpriseEntity } from './enterprise.entity';

export function toEnterprise(entity: EnterpriseEntity): Enterprise {
  return {
    id: entity.id,
    name: entity.name,
    orgNumber: entity.orgNumber,
    municipality: entity.municipality,
    isAsf: entity.isAsf,
    sector: entity.sector ?? null,
    placeOffers: [...(entity.placeOffers ?? [])]
      .sort((a, b) => a.validFrom.localeCompare(b.validFrom))
      .map((o) => ({ from: o.validFrom, to: o.validTo, places: o.places })),
  };
}
