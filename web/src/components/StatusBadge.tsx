import { t } from '../i18n';
import type { Status } from '../api/types';

export function StatusBadge(props: { status: Status }) {
  return <span class={`badge status-${props.status}`}>{t(`status.${props.status}`)}</span>;
}
