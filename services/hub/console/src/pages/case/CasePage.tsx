import { PageTitle } from '../../components/common.tsx';

// Placeholder until this page is built.
export default function CasePage() {
  return <PageTitle title={{ zh: 'CasePage', en: 'CasePage' }} />;
}
