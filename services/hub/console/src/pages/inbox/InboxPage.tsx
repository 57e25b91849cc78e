import { PageTitle } from '../../components/common.tsx';

// Placeholder until this page is built.
export default function InboxPage() {
  return <PageTitle title={{ zh: 'InboxPage', en: 'InboxPage' }} />;
}
