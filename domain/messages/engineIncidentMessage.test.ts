/** The engine alarm's words: what stopped and since when, in the reader's language and zone, and what each reader does. */
import { renderEngineIncidentMessage, type EngineIncidentMessageInput } from './engineIncidentMessage';

const base: EngineIncidentMessageInput = {
  lang: 'es',
  caseId: 'C-7',
  workflowId: 'case-C-7',
  kind: 'terminated',
  since: '2030-03-04T16:05:00Z',
  recipientName: 'Eva',
  admin: true,
  link: 'https://plazo.test/cases/C-7',
};

test('the admin is told since when and how to set the workflow running again', () => {
  const m = renderEngineIncidentMessage(base);
  expect(m.subject).toBe('[Plazo] Caso C-7: su flujo está detenido');
  expect(m.body).toContain('El flujo de este caso está detenido desde lunes 4 de marzo de 2030, 10:05 (hora de la Ciudad de México)');
  expect(m.body).toContain('alguien lo terminó desde fuera de Plazo');
  expect(m.body).toContain('temporal workflow reset -w case-C-7 --type LastWorkflowTask');
  expect(m.body).toContain('Ver el caso: https://plazo.test/cases/C-7');
});

test('the supervisor, in English and their zone, is told to tell the administrator and keep the deadlines by hand', () => {
  const m = renderEngineIncidentMessage({ ...base, lang: 'en', zone: 'America/Tijuana', admin: false, kind: 'task_failing', recipientName: 'Beto' });
  expect(m.subject).toBe('[Plazo] Case C-7: its workflow has stopped');
  expect(m.body).toContain('stopped since Monday, March 4, 2030, 8:05 AM (Tijuana time)');
  expect(m.body).toContain("the workflow's tasks fail again and again");
  expect(m.body).toContain("Tell the administrator; meanwhile, keep this case's deadlines by hand.");
  expect(m.body).not.toContain('temporal workflow reset');
});

test('a reset is told as a reset: the workflow runs, its timeline is to be checked', () => {
  const m = renderEngineIncidentMessage({ ...base, kind: 'reset' });
  expect(m.subject).toBe('[Plazo] Caso C-7: su flujo fue reiniciado');
  expect(m.body).toContain('fue reiniciado (reset) el lunes 4 de marzo de 2030, 10:05');
  expect(m.body).toContain('Compare la línea de tiempo del caso');
  expect(m.body).not.toContain('detenido');
});
