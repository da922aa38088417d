import { EmptyState } from '../../components/feedback';
import { PageTitle } from '../../components/page';
import { useT } from '../../lib/i18n';
import { Link } from '../../lib/router';

export default function NotFoundPage() {
  const t = useT();
  return (
    <>
      <PageTitle title={t('notFound.title')}>{t('notFound.title')}</PageTitle>
      <EmptyState title={t('notFound.body')}>
        <Link to="/" className="button button--primary">
          {t('notFound.home')}
        </Link>
      </EmptyState>
    </>
  );
}
