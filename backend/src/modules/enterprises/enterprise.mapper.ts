import type { Enterprise } from '@stegvis/contracts';
import type { EnterpriseEntity } from './enterprise.entity';

export function toEnterprise(entity: EnterpriseEntity): Enterprise {
  return {
    id: entity.id,
    name: entity.name,
    orgNumber: entity.orgNumber,
    municipality: entity.municipality,
    isAsf: entity.isAsf,
  };
}
