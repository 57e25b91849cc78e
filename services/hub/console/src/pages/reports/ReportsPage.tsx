import { PageTitle } from '../../components/common.tsx';

// Placeholder until this page is built.
export default function ReportsPage() {
  return <PageTitle title={{ zh: 'ReportsPage', en: 'ReportsPage' }} />;
}
