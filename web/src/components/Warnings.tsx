import type { Warning } from '../api/types';
import { t } from '../i18n';

// The server's rules-of-engagement warnings, as advice next to a form.
export function Warnings(props: { warnings: Warning[]; id: string }) {
  if (props.warnings.length === 0) return null;
  return (
    <section class="warnings card" aria-labelledby={props.id} aria-live="polite">
      <h3 id={props.id}>{t('objective.warnings')}</h3>
      <ul>
        {props.warnings.map((w) => (
          <li key={`${w.rule}-${w.message}`}>{w.message}</li>
        ))}
      </ul>
    </section>
  );
}
