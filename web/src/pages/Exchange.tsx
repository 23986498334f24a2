import { useState } from 'preact/hooks';

import { ApiError, query, upload } from '../api/client';
import { problemText } from '../api/problem';
import type { ImportCounts, ImportOutcome, ImportProblem } from '../api/types';
import { FormError, Notice } from '../components/Alerts';
import { number, plural, t } from '../i18n';
import { loadPeriods, me, periodId, periods } from '../session';

const countKeys: Array<keyof ImportCounts> = ['people', 'units', 'periods', 'kpis', 'objectives', 'key_results', 'check_ins'];

// The type the server reads the document as (it also tells JSON from YAML
// by the first character when the name says nothing).
function contentType(file: File): string {
  if (/\.json$/i.test(file.name)) return 'application/json';
  if (/\.ya?ml$/i.test(file.name)) return 'application/yaml';
  return 'text/plain';
}

function exportHref(format: string, period: string): string {
  return `/api/v1/export${query({ format, period_id: period })}`;
}

// Downloads: OKRs as code (JSON, YAML) of the organisation or one period for
// admins; a period's spreadsheet (CSV, XLSX) for everyone. The server
// decides what each may have; the links only offer what it allows.
function ExportSection(props: { admin: boolean }) {
  const [scope, setScope] = useState(props.admin ? '' : (periodId.value ?? ''));
  return (
    <section aria-labelledby="export-title">
      <h2 id="export-title">{t('exchange.export')}</h2>
      <div class="field">
        <label for="export-scope">{t('exchange.scope')}</label>
        <select id="export-scope" value={scope} onChange={(e) => setScope(e.currentTarget.value)}>
          {props.admin && <option value="">{t('exchange.whole')}</option>}
          {periods.value.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div class="exchange-downloads">
        {props.admin && (
          <div class="card">
            <h3>{t('exchange.code')}</h3>
            <p class="hint">{t('exchange.code_hint')}</p>
            <p class="actions">
              <a class="button" href={exportHref('json', scope)} download>
                {t('exchange.download', { format: 'JSON' })}
              </a>
              <a class="button" href={exportHref('yaml', scope)} download>
                {t('exchange.download', { format: 'YAML' })}
              </a>
            </p>
          </div>
        )}
        <div class="card">
          <h3>{t('exchange.sheet')}</h3>
          <p class="hint">{t('exchange.sheet_hint')}</p>
          {scope ? (
            <p class="actions">
              <a class="button" href={exportHref('csv', scope)} download>
                {t('exchange.download', { format: 'CSV' })}
              </a>
              <a class="button" href={exportHref('xlsx', scope)} download>
                {t('exchange.download', { format: 'XLSX' })}
              </a>
            </p>
          ) : (
            <p>{t('exchange.sheet_needs_period')}</p>
          )}
        </div>
      </div>
    </section>
  );
}

// An import in two steps: a dry run that shows what would be added, or every
// problem with its line and place; only a document that passed may then be
// imported. Choosing another file starts over.
function ImportSection() {
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<{ text: string; type: string; outcome: ImportOutcome } | null>(null);
  const [problems, setProblems] = useState<ImportProblem[]>([]);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [working, setWorking] = useState(false);

  const reset = (next: File | null) => {
    setFile(next);
    setChecked(null);
    setProblems([]);
    setRefusal(null);
    setDone(null);
  };
  const refused = (error: unknown) => {
    const listed = error instanceof ApiError && Array.isArray(error.body.problems) ? (error.body.problems as ImportProblem[]) : [];
    setProblems(listed);
    setRefusal(listed.length ? t(plural('exchange.problems', listed.length), { count: listed.length }) : problemText(error));
  };
  const check = async (event: Event) => {
    event.preventDefault();
    if (!file) return;
    const text = await file.text();
    const type = contentType(file);
    reset(file);
    setWorking(true);
    try {
      const outcome = await upload<ImportOutcome>('POST', '/import?dry_run=true', text, type);
      setChecked({ text, type, outcome });
    } catch (error) {
      refused(error);
    } finally {
      setWorking(false);
    }
  };
  const commit = async () => {
    if (!checked) return;
    setWorking(true);
    try {
      // The very text that passed the dry run.
      const outcome = await upload<ImportOutcome>('POST', '/import', checked.text, checked.type);
      setChecked(null);
      const { objectives, key_results } = outcome.counts;
      setDone(t('exchange.imported', { objectives: number(objectives), key_results: number(key_results) }));
      // The document may have brought periods: the header's list shows them.
      await loadPeriods();
    } catch (error) {
      setChecked(null);
      refused(error);
    } finally {
      setWorking(false);
    }
  };
  return (
    <section aria-labelledby="import-title">
      <h2 id="import-title">{t('exchange.import')}</h2>
      <p class="hint">{t('exchange.import_hint')}</p>
      <form class="card" onSubmit={check}>
        <div class="field">
          <label for="import-file">{t('exchange.file')}</label>
          <input
            id="import-file"
            type="file"
            accept=".json,.yaml,.yml,application/json,application/yaml"
            onChange={(e) => reset(e.currentTarget.files?.[0] ?? null)}
          />
        </div>
        <div class="actions">
          <button type="submit" disabled={!file || working}>
            {t('exchange.check')}
          </button>
        </div>
      </form>
      <FormError text={refusal} />
      {problems.length > 0 && (
        <table class="import-problems">
          <thead>
            <tr>
              <th scope="col">{t('exchange.line')}</th>
              <th scope="col">{t('exchange.path')}</th>
              <th scope="col">{t('exchange.problem')}</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((p, i) => (
              <tr key={i}>
                <td class="number">{p.line}</td>
                <td>
                  <code>{p.path}</code>
                </td>
                <td>{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {checked && (
        <div class="card import-plan" role="status">
          <p>{t('exchange.planned')}</p>
          <dl class="import-counts">
            {countKeys.map((key) => (
              <div key={key}>
                <dt>{t(`exchange.count.${key}`)}</dt>
                <dd>{number(checked.outcome.counts[key])}</dd>
              </div>
            ))}
          </dl>
          <button type="button" class="primary" disabled={working} onClick={commit}>
            {t('exchange.do_import')}
          </button>
        </div>
      )}
      <Notice text={done} />
    </section>
  );
}

// F33 in the app: export for everyone (what they may have), import for admins.
export function Exchange() {
  const admin = me.value?.user.role === 'admin';
  return (
    <main id="content" tabIndex={-1}>
      <h1>{admin ? t('exchange.title') : t('nav.export')}</h1>
      <ExportSection admin={admin} />
      {admin && <ImportSection />}
    </main>
  );
}
