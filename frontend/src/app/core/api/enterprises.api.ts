import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CapacityQuery, Enterprise, EnterpriseCapacity, Page } from '@stegvis/contracts';
import { firstValueFrom } from 'rxjs';
import { itemsOf } from './case-records.api';
import { queryParams } from './query-params';

/**
 * Enterprise profiles and capacity as leads, coaches and supervisors read them
 * (docs/enterprise-side.md, "Enterprise profile and capacity"); the admin's writes are in AdminApi.
 */
@Injectable({ providedIn: 'root' })
export class EnterprisesApi {
  private readonly http = inject(HttpClient);

  /** One enterprise's profile (a supervisor may read only their own). */
  enterprise(id: string): Promise<Enterprise> {
    return firstValueFrom(this.http.get<Enterprise>(`/api/enterprises/${id}`));
  }

  /** Places offered on `date` against places in use, per visible enterprise; counts only. */
  capacity(date: string): Promise<EnterpriseCapacity[]> {
    const query: CapacityQuery = { date };
    return firstValueFrom(
      this.http.get<Page<EnterpriseCapacity>>('/api/enterprises/capacity', {
        params: queryParams(query),
      }),
    ).then(itemsOf);
  }
}
