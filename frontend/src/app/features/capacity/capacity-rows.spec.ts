import type { EnterpriseCapacity } from '@stegvis/contracts';
import { capacityRows, capacityTotals } from './capacity-rows';

function item(name: string, placesOffered: number | null, placesInUse: number): EnterpriseCapacity {
  return { id: name, name, isAsf: true, sector: null, placesOffered, placesInUse };
}

describe('capacity rows and totals', () => {
  it('free is offered − in use, null without an offer, negative over capacity', () => {
    const rows = capacityRows([item('A', 8, 3), item('B', null, 1), item('C', 2, 4)]);
    expect(rows.map((r) => r.free)).toEqual([5, null, -2]);
  });

  it('totals: offered of those with an offer, all in use, free only where there is some', () => {
    const rows = capacityRows([
      item('A', 8, 3),
      item('B', null, 1),
      item('C', 2, 4),
      item('D', 0, 0),
    ]);
    expect(capacityTotals(rows)).toEqual({ offered: 10, inUse: 8, free: 5, over: 1 });
  });

  it('nothing to add up', () => {
    expect(capacityTotals([])).toEqual({ offered: 0, inUse: 0, free: 0, over: 0 });
  });
});
