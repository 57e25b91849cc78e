import { PageTitle } from '../../components/common.tsx';

// Placeholder until this page is built.
export default function CasesPage() {
  return <PageTitle title={{ zh: 'CasesPage', en: 'CasesPage' }} />;
}
