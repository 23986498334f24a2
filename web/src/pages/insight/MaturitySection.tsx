import { api } from '../../api/client';
import type { MaturityCriterion, MaturityReport, MaturityStage } from '../../api/types';
import { ErrorNote } from '../../components/ErrorNote';
import { LineChart } from '../../components/LineChart';
import { date, t, tOr } from '../../i18n';
import { measuredText, thresholdText } from '../../insight';
import { useLoad } from '../../useLoad';

const stages: MaturityStage[] = ['curious', 'aware', 'champion', 'excellence', 'master'];
const stageName = (stage: MaturityStage) => t(`maturity.stage.${stage}`);

// The server's English words for a criterion, in the reader's language when
// the catalogue has them (a criterion added later still shows the server's).
const description = (c: MaturityCriterion) => tOr(`maturity.criterion.${c.id}`, c.description);
const nextStep = (c: MaturityCriterion) => (c.next_step === null ? '' : tOr(`maturity.next.${c.id}`, c.next_step));

// The five stages as a ladder, the reached ones marked, the current one named.
function Ladder(props: { stage: number }) {
  return (
    <ol class="maturity-ladder" aria-label={t('maturity.ladder')}>
      {stages.map((stage, i) => (
        <li
          key={stage}
          class={i + 1 < props.stage ? 'reached' : i + 1 === props.stage ? 'reached current' : undefined}
          aria-current={i + 1 === props.stage ? 'step' : undefined}
        >
          <span class="step-number">{i + 1}</span> {stageName(stage)}
        </li>
      ))}
    </ol>
  );
}

function CriteriaTable(props: { number: number; criteria: MaturityCriterion[] }) {
  const stage = stages[props.number - 1]!;
  const heading = t('maturity.criteria_of', { number: props.number, stage: stageName(stage) });
  return (
    // On a phone the table scrolls sideways: a region people can reach and scroll by keyboard.
    <div class="table-scroll" role="region" aria-label={heading} tabIndex={0}>
      <table class="report-table maturity-criteria">
        <caption>{heading}</caption>
        <thead>
          <tr>
            <th scope="col" class="col-criterion">{t('maturity.criterion')}</th>
            <th scope="col" class="col-number">{t('maturity.measured')}</th>
            <th scope="col" class="col-number">{t('maturity.threshold')}</th>
            <th scope="col" class="col-result">{t('maturity.result')}</th>
            <th scope="col">{t('maturity.next_step')}</th>
          </tr>
        </thead>
        <tbody>
          {props.criteria.map((c) => (
            <tr key={c.id} class={c.passed ? 'passed' : 'failed'} data-criterion={c.id}>
              <th scope="row">{description(c)}</th>
              <td class="number">{measuredText(c)}</td>
              <td class="number">{thresholdText(c)}</td>
              <td>
                <span class={`badge ${c.passed ? 'status-on_track' : 'status-at_risk'}`}>
                  {c.passed ? t('maturity.passed') : t('maturity.failed')}
                </span>
              </td>
              <td>{nextStep(c)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function History(props: { history: MaturityReport['history'] }) {
  if (props.history.length === 0) return <p class="empty">{t('maturity.history_none')}</p>;
  const xs = props.history.map((_, i) => i);
  return (
    <>
      <LineChart
        label={t('maturity.history_chart')}
        xLabel={t('insight.period')}
        xs={xs}
        xTicks={xs}
        formatX={(x) => props.history[Math.round(x)]?.name ?? ''}
        series={[{ label: t('insight.maturity'), values: props.history.map((h) => h.stage_number), colour: '--accent' }]}
        formatY={(y) => (Number.isInteger(y) && y >= 1 && y <= 5 ? stageName(stages[y - 1]!) : '')}
        yTicks={[1, 2, 3, 4, 5]}
        yRange={[1, 5]}
        stepped
        height={200}
      />
      <ol class="maturity-history">
        {props.history.map((h) => (
          <li key={h.period_id}>
            {t('maturity.history_item', {
              period: h.name,
              date: date(h.end_date),
              stage: stageName(h.stage),
              passed: h.passed,
              total: h.total,
            })}
          </li>
        ))}
      </ol>
    </>
  );
}

// The five-stage assessment (docs/maturity.md): where the organisation
// stands, every criterion with its measure and next step, and the stage at
// the end of each past period.
export function MaturitySection() {
  const loaded = useLoad(() => api<MaturityReport>('GET', '/reports/maturity'), []);
  if (loaded.error) return <ErrorNote error={loaded.error} />;
  if (!loaded.data) return <p>{t('app.loading')}</p>;
  const report = loaded.data;
  return (
    <section aria-labelledby="maturity-heading">
      <h2 id="maturity-heading">{t('maturity.current', { stage: stageName(report.stage), number: report.stage_number })}</h2>
      <p class="lead">{t('maturity.intro')}</p>
      <Ladder stage={report.stage_number} />
      <h2>{t('maturity.criteria')}</h2>
      {[2, 3, 4, 5].map((n) => (
        <CriteriaTable key={n} number={n} criteria={report.criteria.filter((c) => c.stage === stages[n - 1])} />
      ))}
      <h2>{t('maturity.history')}</h2>
      <History history={report.history} />
    </section>
  );
}
