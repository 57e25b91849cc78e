import { PageTitle } from '../../components/common.tsx';

// Placeholder until this page is built.
export default function MeetingPage() {
  return <PageTitle title={{ zh: 'MeetingPage', en: 'MeetingPage' }} />;
}
