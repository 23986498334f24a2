import { percent, t } from '../i18n';
import type { Status } from '../api/types';

// Progress as a bar with a marker where the expected pace is (DOMAIN.md), in
// the status's colour. Both numbers come from the server.
export function ProgressBar(props: { progress: number; expected: number; status: Status }) {
  const clamp = (x: number) => Math.max(0, Math.min(1, x));
  const label = t('progress.label', {
    progress: percent(props.progress),
    expected: percent(props.expected),
  });
  return (
    <div
      class={`progress status-${props.status}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(clamp(props.progress) * 100)}
      title={label}
    >
      <div class="progress-fill" style={{ width: `${clamp(props.progress) * 100}%` }} />
      <div class="progress-expected" style={{ left: `${clamp(props.expected) * 100}%` }} />
    </div>
  );
}
