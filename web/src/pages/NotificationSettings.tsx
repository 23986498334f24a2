import { useState } from 'preact/hooks';

import { api } from '../api/client';
import { problemText } from '../api/problem';
import type { NotificationPreferences } from '../api/types';
import { FormError, Notice } from '../components/Alerts';
import { ErrorNote } from '../components/ErrorNote';
import { t, tOr } from '../i18n';
import { channelKinds } from '../notifications';
import { useLoad } from '../useLoad';

const kindLabel = (kind: string) => tOr(`notification.kind.${kind}`, kind);
const channelLabel = (channel: string) => tOr(`preferences.channel.${channel}`, channel);

// Per kind of notification, the channels that reach the person (in the app,
// by email when the server sends email). Each box saves at once; the table
// shows what the server answered.
export function NotificationSettings() {
  const loaded = useLoad(() => api<NotificationPreferences>('GET', '/notifications/preferences'), []);
  const [saved, setSaved] = useState<NotificationPreferences | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const prefs = saved ?? loaded.data;
  if (loaded.error) return <main id="content"><ErrorNote error={loaded.error} /></main>;
  if (!prefs) return <main id="content"><p>{t('app.loading')}</p></main>;
  // The columns: every channel the server offers, in a stable order.
  const channels = channelKinds.filter((c) => prefs.available_channels.includes(c));
  const toggle = async (kind: string, channel: string, on: boolean) => {
    const current = prefs.items.find((p) => p.kind === kind)?.channels ?? [];
    const next = channels.filter((c) => (c === channel ? on : current.includes(c)));
    try {
      setSaved(await api<NotificationPreferences>('PUT', '/notifications/preferences', { kind, channels: next }));
      setProblem(null);
      setNotice(t('preferences.saved', { kind: kindLabel(kind) }));
    } catch (error) {
      setNotice(null);
      setProblem(problemText(error));
    }
  };
  return (
    <main id="content" tabIndex={-1}>
      <h1>{t('preferences.title')}</h1>
      <p class="lead">{t('preferences.intro')}</p>
      {!prefs.available_channels.includes('email') && <p class="hint">{t('preferences.no_email')}</p>}
      <table class="preferences card">
        <thead>
          <tr>
            <th scope="col">{t('preferences.kind')}</th>
            {channels.map((c) => (
              <th key={c} scope="col">
                {channelLabel(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {prefs.items.map((p) => (
            <tr key={p.kind}>
              <th scope="row">{kindLabel(p.kind)}</th>
              {channels.map((c) => (
                <td key={c}>
                  <input
                    type="checkbox"
                    checked={p.channels.includes(c)}
                    aria-label={t('preferences.channel_of', { kind: kindLabel(p.kind), channel: channelLabel(c) })}
                    onChange={(e) => toggle(p.kind, c, e.currentTarget.checked)}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <Notice text={notice} />
      <FormError text={problem} />
    </main>
  );
}
