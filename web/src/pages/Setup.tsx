import { useState } from 'preact/hooks';

import { api, ApiError } from '../api/client';
import { t } from '../i18n';
import { navigate } from '../router';
import { setupNeeded, signIn } from '../session';
import { FormError } from '../components/Alerts';

// The first start of an empty server: the organisation and its first admin
// (POST /setup), then signed in as that admin.
export function Setup() {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const [values, setValues] = useState({ organization: '', timezone: zone, name: '', email: '', password: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    setErrors({});
    try {
      await api('POST', '/setup', {
        organization: { name: values.organization.trim(), timezone: values.timezone.trim() },
        admin: { name: values.name.trim(), email: values.email.trim(), password: values.password },
      });
      setupNeeded.value = false;
      await signIn(values.email.trim(), values.password);
      navigate('/welcome', true);
    } catch (error) {
      if (error instanceof ApiError && error.fields.length) {
        setErrors(Object.fromEntries(error.fields.map((f) => [f.field, f.message])));
      } else if (error instanceof ApiError) {
        setProblem(error.detail || error.title);
      } else {
        setProblem(t('error.offline'));
      }
    } finally {
      setBusy(false);
    }
  };

  const input = (
    id: keyof typeof values,
    field: string,
    label: string,
    extra: Record<string, string | boolean> = {},
  ) => (
    <div class="field">
      <label for={`setup-${id}`}>{label}</label>
      <input
        id={`setup-${id}`}
        required
        value={values[id]}
        onInput={(e) => setValues({ ...values, [id]: e.currentTarget.value })}
        aria-invalid={errors[field] ? true : undefined}
        aria-describedby={errors[field] ? `setup-${id}-error` : undefined}
        {...extra}
      />
      {errors[field] && (
        <p class="field-error" id={`setup-${id}-error`}>
          {errors[field]}
        </p>
      )}
    </div>
  );

  return (
    <main id="content" class="narrow">
      <h1>{t('setup.title')}</h1>
      <p>{t('setup.intro')}</p>
      <form class="card" onSubmit={submit} noValidate>
        {input('organization', 'organization.name', t('setup.organization'), { autoFocus: true })}
        {input('timezone', 'organization.timezone', t('setup.timezone'))}
        {input('name', 'admin.name', t('setup.admin_name'), { autoComplete: 'name' })}
        {input('email', 'admin.email', t('setup.admin_email'), { type: 'email', autoComplete: 'username' })}
        {input('password', 'admin.password', t('setup.admin_password'), {
          type: 'password',
          autoComplete: 'new-password',
        })}
        <FormError text={problem} />
        <button type="submit" class="primary" disabled={busy}>
          {t('setup.submit')}
        </button>
      </form>
    </main>
  );
}
