import { PageTitle } from '../../components/common.tsx';

// Placeholder until this page is built.
export default function AuditPage() {
  return <PageTitle title={{ zh: 'AuditPage', en: 'AuditPage' }} />;
}
