import type { EnterpriseCapacity } from '@stegvis/contracts';

/** One enterprise's line: free = offered − in use (negative = over capacity), null = no offer. */
export interface CapacityRow extends EnterpriseCapacity {
  free: number | null;
}

export interface CapacityTotals {
  /** Places offered by the enterprises that have an offer on the day. */
  offered: number;
  inUse: number;
  /** Free places where there are some: one enterprise over capacity does not cancel another's. */
  free: number;
  /** Enterprises with more places in use than they offer. */
  over: number;
}

export function capacityRows(items: readonly EnterpriseCapacity[]): CapacityRow[] {
  return items.map((c) => ({
    ...c,
    free: c.placesOffered === null ? null : c.placesOffered - c.placesInUse,
  }));
}

export function capacityTotals(rows: readonly CapacityRow[]): CapacityTotals {
  let offered = 0;
  let inUse = 0;
  let free = 0;
  let over = 0;
  for (const r of rows) {
    offered += r.placesOffered ?? 0;
    inUse += r.placesInUse;
    if (r.free !== null && r.free > 0) free += r.free;
    if (r.free !== null && r.free < 0) over += 1;
  }
  return { offered, inUse, free, over };
}
