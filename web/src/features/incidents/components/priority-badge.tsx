import '../../../components/details.css';
import { useT } from '../../../lib/i18n';
import type { Incident } from '../api/get-incidents';

/** The priority, or while the Servicecentrum has not set it yet the reporter's proposal, marked as such. */
export function PriorityBadge({ incident }: { incident: Pick<Incident, 'priority' | 'prioritised' | 'proposedPriority'> }) {
  const t = useT();
  if (incident.prioritised) return <span className={`badge badge--priority badge--${incident.priority.toLowerCase()}`}>{incident.priority}</span>;
  return (
    <span className="badge badge--proposed" data-testid="priority-proposed">
      {t('incidents.proposedBadge', { priority: incident.proposedPriority ?? incident.priority })}
    </span>
  );
}
