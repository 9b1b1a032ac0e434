import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { of } from 'rxjs';
import { ReauthService, isReauthRequired } from './reauth';

const reauthRequired = () =>
  new HttpErrorResponse({ status: 403, error: { statusCode: 403, code: 'reauth_required' } });

describe('ReauthService', () => {
  let answer: boolean | undefined;
  let opened: number;

  beforeEach(() => {
    opened = 0;
    TestBed.configureTestingModule({
      providers: [
        {
          provide: MatDialog,
          useValue: {
            open: () => {
              opened += 1;
              return { afterClosed: () => of(answer) };
            },
          },
        },
      ],
    });
  });

  function changeThatNeedsReauthOnce() {
    let calls = 0;
    const change = async () => {
      calls += 1;
      if (calls === 1) throw reauthRequired();
      return 'saved';
    };
    return { change, calls: () => calls };
  }

  it('asks for the password when the server wants it, then makes the change again', async () => {
    answer = true;
    const { change, calls } = changeThatNeedsReauthOnce();
    await expect(TestBed.inject(ReauthService).run(change)).resolves.toBe('saved');
    expect(opened).toBe(1);
    expect(calls()).toBe(2);
  });

  it('makes nothing when the dialog is cancelled', async () => {
    answer = undefined;
    const { change, calls } = changeThatNeedsReauthOnce();
    await expect(TestBed.inject(ReauthService).run(change)).resolves.toBeNull();
    expect(calls()).toBe(1);
  });

  it('opens no dialog for a change that needs none, and passes other errors on', async () => {
    const service = TestBed.inject(ReauthService);
    await expect(service.run(async () => 'saved')).resolves.toBe('saved');
    const other = new HttpErrorResponse({ status: 403, error: { code: 'something_else' } });
    await expect(
      service.run(async () => {
        throw other;
      }),
    ).rejects.toBe(other);
    expect(opened).toBe(0);
  });

  it('recognises only 403 reauth_required', () => {
    expect(isReauthRequired(reauthRequired())).toBe(true);
    expect(isReauthRequired(new HttpErrorResponse({ status: 400 }))).toBe(false);
    expect(isReauthRequired(new Error('x'))).toBe(false);
  });
});
