import { useState } from 'preact/hooks';

import { api } from '../api/client';
import type { Objective, Organization, Page, Unit } from '../api/types';
import { FirstPeriod } from '../components/FirstPeriod';
import { Link } from '../components/Link';
import { language, t } from '../i18n';
import { navigate } from '../router';
import { sampleObjectives } from '../samples';
import { periodId, periods } from '../session';
import { useLoad } from '../useLoad';
import { problemText } from '../api/problem';
import { FormError } from '../components/Alerts';

// The guided first setup after POST /setup (F45): mission, vision and values;
// the first period; the first company objectives, from samples.
export function Welcome() {
  const org = useLoad(() => api<Organization>('GET', '/organization'), []);
  const [words, setWords] = useState<{ mission: string; vision: string; values: string } | null>(null);
  const [saved, setSaved] = useState(false);
  const [picked, setPicked] = useState<number[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!org.data) return <main id="content"><p>{t('app.loading')}</p></main>;
  const current = words ?? { mission: org.data.mission, vision: org.data.vision, values: org.data.values.join('\n') };
  const samples = sampleObjectives(language.value);

  const saveWords = async (event: Event) => {
    event.preventDefault();
    try {
      await api('PATCH', '/organization', {
        mission: current.mission.trim(),
        vision: current.vision.trim(),
        values: current.values
          .split('\n')
          .map((v) => v.trim())
          .filter(Boolean),
      });
      setSaved(true);
      setProblem(null);
    } catch (error) {
      setProblem(problemText(error));
    }
  };
  const createSamples = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const units = await api<Page<Unit>>('GET', '/units?limit=1000');
      const company = units.items.find((u) => u.kind === 'company');
      for (const index of picked) {
        const sample = samples[index]!;
        const objective = await api<Objective>('POST', '/objectives', {
          title: sample.title,
          period_id: periodId.value,
          owner: { unit_id: company!.id },
          type: 'committed',
        });
        for (const kr of sample.keyResults) {
          await api('POST', '/key-results', { objective_id: objective.id, kind: 'metric', ...kr });
        }
      }
      navigate('/company');
    } catch (error) {
      setProblem(problemText(error));
    } finally {
      setBusy(false);
    }
  };
  const area = (key: 'mission' | 'vision' | 'values', label: string, hint: string) => (
    <div class="field">
      <label for={`welcome-${key}`}>{label}</label>
      <textarea
        id={`welcome-${key}`}
        rows={key === 'values' ? 4 : 2}
        placeholder={hint}
        value={current[key]}
        onInput={(e) => setWords({ ...current, [key]: e.currentTarget.value })}
      />
    </div>
  );

  return (
    <main id="content" tabIndex={-1}>
      <h1>{t('welcome.title', { name: org.data.name })}</h1>
      <p class="lead">{t('welcome.intro')}</p>
      <form class="card" onSubmit={saveWords} aria-labelledby="welcome-words">
        <h2 id="welcome-words">{t('welcome.step_words')}</h2>
        {area('mission', t('company.mission'), t('welcome.mission_hint'))}
        {area('vision', t('company.vision'), t('welcome.vision_hint'))}
        {area('values', t('admin.values_hint'), t('welcome.values_hint'))}
        <button type="submit" class="primary">
          {t('welcome.save_words')}
        </button>
        {saved && (
          <span class="hint" role="status">
            {' '}
            {t('admin.settings_saved')}
          </span>
        )}
      </form>
      <h2>{t('welcome.step_period')}</h2>
      {periods.value.length === 0 ? <FirstPeriod /> : <p>{t('welcome.period_ready', { name: periods.value.find((p) => p.id === periodId.value)?.name ?? '' })}</p>}
      {periods.value.length > 0 && (
        <section class="card" aria-labelledby="welcome-samples">
          <h2 id="welcome-samples">{t('welcome.step_objectives')}</h2>
          <p>{t('welcome.samples_intro')}</p>
          {samples.map((sample, i) => (
            <div class="sample" key={sample.title}>
              <div class="field-check">
                <input
                  id={`sample-${i}`}
                  type="checkbox"
                  checked={picked.includes(i)}
                  onChange={(e) => setPicked(e.currentTarget.checked ? [...picked, i] : picked.filter((p) => p !== i))}
                />
                <label for={`sample-${i}`}>{sample.title}</label>
              </div>
              <ul class="hint">
                {sample.keyResults.map((kr) => (
                  <li key={kr.title}>{kr.title}</li>
                ))}
              </ul>
            </div>
          ))}
          <FormError text={problem} />
          <div class="actions">
            <button type="button" class="primary" disabled={busy || picked.length === 0} onClick={createSamples}>
              {t('welcome.create_samples', { count: picked.length })}
            </button>
            <Link href="/objectives/new">{t('welcome.write_own')}</Link>
          </div>
        </section>
      )}
    </main>
  );
}
