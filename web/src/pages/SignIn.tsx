import { useState } from 'preact/hooks';

import { ApiError } from '../api/client';
import { t } from '../i18n';
import { signIn } from '../session';
import { FormError } from '../components/Alerts';

export function SignIn() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await signIn(email.trim(), password);
    } catch (error) {
      if (error instanceof ApiError && error.status === 429) setProblem(t('sign_in.throttled'));
      else if (error instanceof ApiError && (error.status === 401 || error.status === 422)) {
        setProblem(t('sign_in.failed'));
      } else setProblem(t('error.offline'));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="content" class="narrow">
      <h1>{t('sign_in.title')}</h1>
      <form class="card" onSubmit={submit}>
        <div class="field">
          <label for="email">{t('sign_in.email')}</label>
          <input
            id="email"
            type="email"
            autoComplete="username"
            required
            autoFocus
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="password">{t('sign_in.password')}</label>
          <input
            id="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </div>
        <FormError text={problem} />
        <button type="submit" class="primary" disabled={busy}>
          {t('sign_in.submit')}
        </button>
      </form>
    </main>
  );
}
