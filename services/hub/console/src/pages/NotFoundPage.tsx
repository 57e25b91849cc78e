import { Link } from 'react-router';
import { useI18n } from '../app/i18n.tsx';
import { PageTitle } from '../components/common.tsx';

export default function NotFoundPage() {
  const { t } = useI18n();
  return (
    <>
      <PageTitle title={{ zh: '页面不存在', en: 'Page not found' }} />
      <p>
        <Link to="/">{t('回到工作台', 'Back to the inbox')}</Link>
      </p>
    </>
  );
}
