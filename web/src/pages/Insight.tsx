import { Link } from '../components/Link';
import { t } from '../i18n';
import { match, path } from '../router';
import { CompareSection } from './insight/CompareSection';
import { HealthSection } from './insight/HealthSection';
import { MaturitySection } from './insight/MaturitySection';

const sections = [
  ['maturity', 'insight.maturity'],
  ['health', 'insight.health'],
  ['compare', 'insight.compare'],
] as const;

// Insight (issue 9): the organisation's OKR maturity, the program health of a
// pilot group, and one unit's periods compared. Each report is a tab with its
// own address (/insight/maturity, /insight/health, /insight/compare).
export function Insight() {
  const section = match('/insight/:section', path.value)?.section ?? 'maturity';
  return (
    <main id="content" tabIndex={-1}>
      <h1>{t('insight.title')}</h1>
      <nav aria-label={t('insight.sections')} class="tabs">
        <ul>
          {sections.map(([id, label]) => (
            <li key={id}>
              <Link href={`/insight/${id}`} class={section === id ? 'current' : undefined}>
                <span aria-current={section === id ? 'page' : undefined}>{t(label)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {section === 'maturity' && <MaturitySection />}
      {section === 'health' && <HealthSection />}
      {section === 'compare' && <CompareSection />}
      {!sections.some(([id]) => id === section) && <p>{t('error.not_found')}</p>}
    </main>
  );
}
