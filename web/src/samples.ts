// Sample company OKRs for a new organisation to start from (F45): well-formed
// examples (3 key results each, outcomes rather than tasks), in the user's
// language. Nothing is created until the admin picks them.
import type { Language } from './i18n';

export interface SampleKeyResult {
  title: string;
  start: number;
  target: number;
  unit: string;
}

export interface SampleObjective {
  title: string;
  keyResults: SampleKeyResult[];
}

const samples: Record<Language, SampleObjective[]> = {
  en: [
    {
      title: 'Delight our customers',
      keyResults: [
        { title: 'Raise NPS from 30 to 50', start: 30, target: 50, unit: 'NPS' },
        { title: 'Cut median support response time from 8 to 2 hours', start: 8, target: 2, unit: 'hours' },
        { title: 'Reduce monthly churn from 4% to 2%', start: 4, target: 2, unit: '%' },
      ],
    },
    {
      title: 'Grow a business that funds our mission',
      keyResults: [
        { title: 'Grow annual recurring revenue from $1.0M to $1.5M', start: 1000000, target: 1500000, unit: '$' },
        { title: 'Win 40 new customers', start: 0, target: 40, unit: 'customers' },
        { title: 'Raise gross margin from 70% to 78%', start: 70, target: 78, unit: '%' },
      ],
    },
    {
      title: 'Be a place where great people do their best work',
      keyResults: [
        { title: 'Raise the engagement score from 7.1 to 8.0', start: 7.1, target: 8, unit: 'points' },
        { title: 'Fill 8 open roles', start: 0, target: 8, unit: 'hires' },
        { title: 'Keep regretted attrition below 5% (from 9%)', start: 9, target: 5, unit: '%' },
      ],
    },
  ],
  de: [
    {
      title: 'Unsere Kundschaft begeistern',
      keyResults: [
        { title: 'NPS von 30 auf 50 steigern', start: 30, target: 50, unit: 'NPS' },
        { title: 'Mittlere Antwortzeit im Support von 8 auf 2 Stunden senken', start: 8, target: 2, unit: 'Stunden' },
        { title: 'Monatliche Abwanderung von 4 % auf 2 % senken', start: 4, target: 2, unit: '%' },
      ],
    },
    {
      title: 'Ein Geschäft aufbauen, das unsere Mission trägt',
      keyResults: [
        { title: 'Wiederkehrenden Jahresumsatz von 1,0 Mio. € auf 1,5 Mio. € steigern', start: 1000000, target: 1500000, unit: '€' },
        { title: '40 neue Kundinnen und Kunden gewinnen', start: 0, target: 40, unit: 'Kunden' },
        { title: 'Bruttomarge von 70 % auf 78 % steigern', start: 70, target: 78, unit: '%' },
      ],
    },
    {
      title: 'Ein Ort sein, an dem großartige Menschen ihr Bestes geben',
      keyResults: [
        { title: 'Engagement-Wert von 7,1 auf 8,0 steigern', start: 7.1, target: 8, unit: 'Punkte' },
        { title: '8 offene Stellen besetzen', start: 0, target: 8, unit: 'Einstellungen' },
        { title: 'Ungewollte Kündigungen von 9 % auf unter 5 % senken', start: 9, target: 5, unit: '%' },
      ],
    },
  ],
};

export function sampleObjectives(language: Language): SampleObjective[] {
  return samples[language];
}
