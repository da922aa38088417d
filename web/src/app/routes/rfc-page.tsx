import { PageTitle } from '../../components/page';
import { useRfc } from '../../features/changes/api/get-rfc';
import { RfcDetail } from '../../features/changes/components/rfc-detail';
import { useT } from '../../lib/i18n';
import { Link } from '../../lib/router';
import { changesMessages } from '../../features/changes/messages';

/** One request for change with its steps and its escalation ladder. */
export default function RfcPage({ id }: { id: number }) {
  const t = useT(changesMessages);
  const query = useRfc(id);
  const heading = query.data ? `${t('changes.number', { id })}: ${query.data.title}` : t('changes.number', { id });
  return (
    <>
      <p className="back-link">
        <Link to="/wijzigingen">
          <span aria-hidden="true">‹ </span>
          {t('rfcDetail.back')}
        </Link>
      </p>
      <PageTitle title={heading} lead={t('rfcDetail.lead')}>
        {heading}
      </PageTitle>
      <RfcDetail id={id} />
    </>
  );
}
