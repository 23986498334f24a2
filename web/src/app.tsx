import { useEffect, useState } from 'preact/hooks';

import { Layout } from './components/Layout';
import { t } from './i18n';
import { Admin } from './pages/admin/Admin';
import { AlignmentMap } from './pages/AlignmentMap';
import { Company } from './pages/Company';
import { Exchange } from './pages/Exchange';
import { Insight } from './pages/Insight';
import { KpiPage } from './pages/KpiPage';
import { Kpis } from './pages/Kpis';
import { MyOkrs } from './pages/MyOkrs';
import { NewObjective } from './pages/NewObjective';
import { Notifications } from './pages/Notifications';
import { NotificationSettings } from './pages/NotificationSettings';
import { ObjectivePage } from './pages/ObjectivePage';
import { PeriodPage, Periods } from './pages/PeriodPage';
import { PeriodReport } from './pages/PeriodReport';
import { PersonPage, UnitPage } from './pages/UnitPage';
import { Setup } from './pages/Setup';
import { SignIn } from './pages/SignIn';
import { Welcome } from './pages/Welcome';
import { match, path } from './router';
import { loadSession, me, setupNeeded } from './session';
import { asOfDay } from './timeTravel';

function Routes() {
  const here = path.value;
  if (here === '/') return <MyOkrs />;
  if (here === '/company') return <Company />;
  if (here === '/objectives/new') return <NewObjective />;
  if (here === '/periods') return <Periods />;
  if (here === '/map') return <AlignmentMap />;
  if (here === '/welcome') return <Welcome />;
  if (here === '/notifications') return <Notifications />;
  if (here === '/settings/notifications') return <NotificationSettings />;
  if (here === '/exchange') return <Exchange />;
  if (here === '/kpis') return <Kpis />;
  if (here === '/admin' || match('/admin/:section', here)) return <Admin />;
  if (here === '/insight' || match('/insight/:section', here)) return <Insight />;
  const report = match('/periods/:id/report', here);
  if (report) return <PeriodReport key={report.id} id={report.id!} />;
  const period = match('/periods/:id', here);
  if (period) return <PeriodPage key={period.id} id={period.id!} />;
  const unit = match('/units/:id', here);
  if (unit) return <UnitPage key={unit.id} id={unit.id!} />;
  const person = match('/people/:id', here);
  if (person) return <PersonPage key={person.id} id={person.id!} />;
  const kpi = match('/kpis/:id', here);
  if (kpi) return <KpiPage key={kpi.id} id={kpi.id!} />;
  const objective = match('/objectives/:id', here);
  if (objective) return <ObjectivePage key={objective.id} id={objective.id!} />;
  return (
    <main id="content">
      <p>{t('error.not_found')}</p>
    </main>
  );
}

export function App() {
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    loadSession().then(
      () => setReady(true),
      () => setFailed(true),
    );
  }, []);
  if (failed) {
    return (
      <main id="content" class="narrow">
        <p class="form-error" role="alert">
          {t('error.offline')}
        </p>
      </main>
    );
  }
  if (!ready) return <p class="loading">{t('app.loading')}</p>;
  if (setupNeeded.value) return <Setup />;
  if (!me.value) return <SignIn />;
  return (
    <Layout>
      {/* A new day shown is a new page: everything loads again as of that day. */}
      <Routes key={asOfDay.value ?? 'now'} />
    </Layout>
  );
}
