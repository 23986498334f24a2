import { useState } from 'preact/hooks';

import { api, upload } from '../api/client';
import type { Kpi, KpiPull } from '../api/types';
import { dateTime, number, t } from '../i18n';
import { useAction } from '../useAction';
import { FormError, Notice } from './Alerts';

interface HeaderRow {
  name: string;
  value: string;
  env: string;
  sealed: boolean;
}

// The push token: made (shown once), replaced or revoked.
function PushToken(props: { kpi: Kpi; active: boolean; after: () => void }) {
  const [token, setToken] = useState<string | null>(null);
  const action = useAction(props.after);
  const make = () =>
    action.run(async () => {
      const made = await api<{ token: string }>('POST', `/kpis/${props.kpi.id}/token`);
      setToken(made.token);
    }, t('kpi.token_made'));
  return (
    <section aria-labelledby="kpi-push">
      <h3 id="kpi-push">{t('kpi.push')}</h3>
      <p class="hint">{t('kpi.push_hint')}</p>
      <p>{props.active ? t('kpi.token_active') : t('kpi.token_none')}</p>
      {token && (
        <div class="card">
          <label for="kpi-token">{t('kpi.token_once')}</label>
          <input id="kpi-token" type="text" readOnly value={token} onFocus={(e) => e.currentTarget.select()} />
          <pre class="code">{`curl -H "Authorization: Bearer ${token}" -H 'Content-Type: application/json' \\\n  -d '{"value": 42}' ${location.origin}/api/v1/kpis/${props.kpi.id}/values`}</pre>
        </div>
      )}
      <p class="actions">
        <button type="button" onClick={make}>
          {props.active ? t('kpi.token_replace') : t('kpi.token_make')}
        </button>
        {props.active && (
          <button
            type="button"
            class="secondary"
            onClick={() => {
              setToken(null);
              void action.run(() => api('DELETE', `/kpis/${props.kpi.id}/token`), t('kpi.token_revoked'));
            }}
          >
            {t('kpi.token_revoke')}
          </button>
        )}
      </p>
      <Notice text={action.notice} />
      <FormError text={action.problem} />
    </section>
  );
}

// How the pull went: its last success, next run and last error.
function PullState(props: { pull: KpiPull }) {
  const pull = props.pull;
  return (
    <dl class="facts" aria-live="polite">
      <dt>{t('kpi.pull_last_success')}</dt>
      <dd>{pull.last_success_at ? dateTime(pull.last_success_at) : '—'}</dd>
      <dt>{t('kpi.pull_next')}</dt>
      <dd>{pull.next_pull_at ? dateTime(pull.next_pull_at) : '—'}</dd>
      {pull.last_error && (
        <>
          <dt>{t('kpi.pull_error')}</dt>
          <dd class="form-error">
            {pull.last_error} ({t('kpi.pull_failures', { count: number(pull.failures) })})
          </dd>
        </>
      )}
    </dl>
  );
}

// For a keeper who is not an admin: the pull as it is, set by an admin.
function PullReadOnly(props: { pull: KpiPull | null }) {
  return (
    <section aria-labelledby="kpi-pull">
      <h3 id="kpi-pull">{t('kpi.pull')}</h3>
      {props.pull && (
        <p>
          <code>{props.pull.url}</code>
        </p>
      )}
      {props.pull && <PullState pull={props.pull} />}
      <p class="hint">{t('kpi.pull_admins')}</p>
    </section>
  );
}

// The pull's settings with its last outcome; sealed header values stay on
// the server (a row left empty keeps its value).
function Pull(props: { kpi: Kpi; pull: KpiPull | null; after: () => void }) {
  const pull = props.pull;
  const [url, setUrl] = useState(pull?.url ?? '');
  const [pointer, setPointer] = useState(pull?.pointer ?? '');
  const [interval, setInterval] = useState(String(pull?.interval_minutes ?? 60));
  const [headers, setHeaders] = useState<HeaderRow[]>(
    (pull?.headers ?? []).map((h) => ({ name: h.name, value: '', env: h.env ?? '', sealed: !!h.sealed })),
  );
  const action = useAction(props.after);
  const save = (event: Event) => {
    event.preventDefault();
    void action.run(
      () =>
        api('PUT', `/kpis/${props.kpi.id}/pull`, {
          url: url.trim(),
          pointer: pointer.trim(),
          interval_minutes: Number(interval),
          headers: headers
            .filter((h) => h.name.trim() !== '')
            .map((h) => (h.env ? { name: h.name, env: h.env } : h.value ? { name: h.name, value: h.value } : { name: h.name })),
        }),
      t('kpi.pull_saved'),
    );
  };
  const setHeader = (i: number, change: Partial<HeaderRow>) =>
    setHeaders(headers.map((h, n) => (n === i ? { ...h, ...change } : h)));
  return (
    <form onSubmit={save} aria-labelledby="kpi-pull">
      <h3 id="kpi-pull">{t('kpi.pull')}</h3>
      <p class="hint">{t('kpi.pull_hint')}</p>
      {pull && <PullState pull={pull} />}
      <div class="field">
        <label for="kpi-url">{t('kpi.pull_url')}</label>
        <input id="kpi-url" type="url" required value={url} onInput={(e) => setUrl(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="kpi-pointer">{t('kpi.pull_pointer')}</label>
        <input id="kpi-pointer" type="text" placeholder="/data/0/count" value={pointer} onInput={(e) => setPointer(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="kpi-interval">{t('kpi.pull_interval')}</label>
        <input id="kpi-interval" type="number" min={1} max={10080} value={interval} onInput={(e) => setInterval(e.currentTarget.value)} />
      </div>
      <fieldset>
        <legend>{t('kpi.pull_headers')}</legend>
        {headers.map((h, i) => (
          <div class="header-row" key={i}>
            <label>
              {t('kpi.header_name')}
              <input type="text" value={h.name} onInput={(e) => setHeader(i, { name: e.currentTarget.value })} />
            </label>
            <label>
              {h.sealed ? t('kpi.header_sealed') : t('kpi.header_value')}
              <input type="password" autocomplete="off" value={h.value} onInput={(e) => setHeader(i, { value: e.currentTarget.value })} />
            </label>
            <label>
              {t('kpi.header_env')}
              <input type="text" value={h.env} onInput={(e) => setHeader(i, { env: e.currentTarget.value })} />
            </label>
          </div>
        ))}
        <button type="button" class="secondary" onClick={() => setHeaders([...headers, { name: '', value: '', env: '', sealed: false }])}>
          {t('kpi.header_add')}
        </button>
      </fieldset>
      <p class="actions">
        <button type="submit">{t('kpi.pull_save')}</button>
        {pull && (
          <button type="button" class="secondary" onClick={() => void action.run(() => api('DELETE', `/kpis/${props.kpi.id}/pull`), t('kpi.pull_stopped'))}>
            {t('kpi.pull_stop')}
          </button>
        )}
      </p>
      <Notice text={action.notice} />
      <FormError text={action.problem} />
    </form>
  );
}

// A value typed in, or a CSV history uploaded.
function Record(props: { kpi: Kpi; after: () => void }) {
  const [value, setValue] = useState('');
  const action = useAction(props.after);
  const add = (event: Event) => {
    event.preventDefault();
    void action.run(() => api('POST', `/kpis/${props.kpi.id}/values`, { value: Number(value) }), t('kpi.value_added'));
  };
  const send = async (file: File) => {
    const text = await file.text();
    await action.run(() => upload('POST', `/kpis/${props.kpi.id}/values`, text, 'text/csv'), t('kpi.csv_done'));
  };
  return (
    <section aria-labelledby="kpi-record">
      <h3 id="kpi-record">{t('kpi.record')}</h3>
      <form onSubmit={add} class="inline-form">
        <label for="kpi-value">{t('kpi.value')}</label>
        <input id="kpi-value" type="number" step="any" required value={value} onInput={(e) => setValue(e.currentTarget.value)} />
        <button type="submit">{t('kpi.value_add')}</button>
      </form>
      <div class="field">
        <label for="kpi-csv">{t('kpi.csv')}</label>
        <input
          id="kpi-csv"
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) void send(file);
          }}
        />
        <p class="hint">{t('kpi.csv_hint')}</p>
      </div>
      <Notice text={action.notice} />
      <FormError text={action.problem} />
    </section>
  );
}

// What the KPI's keepers (its owner and admins) see: how values come in.
export function KpiSources(props: { kpi: Kpi; after: () => void }) {
  const source = props.kpi.source;
  if (!('push_token' in source)) return null;
  return (
    <section class="card" aria-labelledby="kpi-sources">
      <h2 id="kpi-sources">{t('kpi.sources')}</h2>
      <Record kpi={props.kpi} after={props.after} />
      <PushToken kpi={props.kpi} active={source.push_token.active} after={props.after} />
      {props.kpi.can.pull ? (
        <Pull key={props.kpi.version} kpi={props.kpi} pull={source.pull} after={props.after} />
      ) : (
        <PullReadOnly pull={source.pull} />
      )}
    </section>
  );
}
