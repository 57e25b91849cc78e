/** 登记新案件 on the case list: the OpenCase command's form, in its own chunk (the command forms and the contracts' zod schemas load only with it). */
import { commandCatalog, type Role } from '@hub/contracts';
import { useNavigate } from 'react-router';
import { agencyApi } from '../../app/api.ts';
import { useSignedIn } from '../../app/session.tsx';
import { CommandForm } from '../case/form/CommandForm.tsx';

/** Who may open a case (the command catalog's word). */
export const openCaseRoles: readonly Role[] = commandCatalog.OpenCase.roles;

export default function OpenCasePanel({ id, onClose }: { id: string; onClose: () => void }) {
  const session = useSignedIn();
  const navigate = useNavigate();
  const definition = commandCatalog.OpenCase;
  return (
    <section id={id} className="card open-case">
      <CommandForm
        name={definition.name}
        label={definition.label}
        input={definition.input}
        send={(body) => agencyApi(session.user.agency, '/cases', { body })}
        onDone={(result) => {
          const caseId = (result as { caseId?: string } | null)?.caseId;
          if (caseId) void navigate(`/cases/${caseId}`);
          else onClose();
        }}
        onCancel={onClose}
      />
    </section>
  );
}
