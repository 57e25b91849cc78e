import { PageTitle } from '../../components/common.tsx';

// Placeholder until this page is built.
export default function MeetingsPage() {
  return <PageTitle title={{ zh: 'MeetingsPage', en: 'MeetingsPage' }} />;
}
