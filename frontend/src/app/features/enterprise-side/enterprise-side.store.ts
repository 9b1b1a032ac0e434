import { Injectable, inject, signal } from '@angular/core';
import type { Enterprise, Programme } from '@stegvis/contracts';
import { EnterpriseSideApi } from '../../core/api/enterprise-side.api';

/**
 * The programme chosen on the section (kept across its tabs) and the enterprise directory
 * its forms choose from, read once.
 */
@Injectable()
export class EnterpriseSideStore {
  private readonly api = inject(EnterpriseSideApi);

  readonly programmes = signal<Programme[] | null>(null);
  readonly programmeId = signal<string>('');
  readonly loadFailed = signal(false);
  readonly enterprises = signal<Enterprise[]>([]);
  private enterprisesRead: Promise<void> | null = null;

  constructor() {
    void this.load();
  }

  async load(): Promise<void> {
    this.loadFailed.set(false);
    try {
      const list = await this.api.programmes();
      this.programmes.set(list);
      if (!list.some((p) => p.id === this.programmeId())) {
        this.programmeId.set(list[0]?.id ?? '');
      }
    } catch {
      this.loadFailed.set(true);
    }
  }

  /** The enterprise directory, for the agreement, started-enterprise and contact forms. */
  loadEnterprises(): Promise<void> {
    this.enterprisesRead ??= this.api
      .enterprises()
      .then((list) =>
        this.enterprises.set([...list].sort((a, b) => a.name.localeCompare(b.name, 'sv'))),
      )
      .catch(() => {
        this.enterprisesRead = null;
        throw new Error('enterprises');
      });
    return this.enterprisesRead;
  }
}
