import { signal } from '@preact/signals';

import { date, t } from '../i18n';
import { loadPeriods } from '../session';
import { asOfDay, today, travelTo } from '../timeTravel';

const open = signal(false);

async function go(day: string | null): Promise<void> {
  travelTo(day);
  if (!asOfDay.value) open.value = false;
  await loadPeriods(true);
}

// Opens the bar, from the person's menu, and puts the focus on its day.
export function openTimeTravel(): void {
  open.value = true;
  requestAnimationFrame(() => document.getElementById('time-travel-day')?.focus());
}

// Under the header, while it is open or a past day is shown: the day to show
// and the way back to today. Every page reads as of the end of that day.
export function TimeTravelBar() {
  const day = asOfDay.value;
  if (!open.value && !day) return null;
  return (
    <div id="time-travel" class={day ? 'time-travel-bar past' : 'time-travel-bar'} role="region" aria-label={t('time_travel.open')}>
      <label for="time-travel-day">{t('time_travel.label')}</label>
      <input
        id="time-travel-day"
        type="date"
        max={today()}
        value={day ?? today()}
        onChange={(e) => void go(e.currentTarget.value || null)}
      />
      {day ? (
        <>
          <p role="status">{t('time_travel.showing', { date: date(day) })}</p>
          <button type="button" class="primary" onClick={() => void go(null)}>
            {t('time_travel.back')}
          </button>
        </>
      ) : (
        <>
          <p class="hint">{t('time_travel.hint')}</p>
          <button type="button" onClick={() => (open.value = false)}>
            {t('time_travel.close')}
          </button>
        </>
      )}
    </div>
  );
}
