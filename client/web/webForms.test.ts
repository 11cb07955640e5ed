/** The event form → the API's event body, for what happens after a breach and a return of a child not detained. */
import { EventBodySchema } from '../../app/schemas';
import { eventFromForm } from './webForms';

test('"what happened next" after a breach carries its follow-up; the form\'s other fields stay out', () => {
  const body = eventFromForm({ type: 'breach_followed_up', date: '2030-04-02', time: '03:00', followUp: 'child_located', exit: 'released', note: ' Albergue DIF ' });
  expect(body).toEqual({ type: 'breach_followed_up', occurredAt: '2030-04-02T03:00:00-06:00', followUp: 'child_located', note: 'Albergue DIF' });
  expect(EventBodySchema.safeParse(body).success).toBe(true);
});

test('a return to the country of origin carries how; a release is no return, refused naming the field', () => {
  const body = eventFromForm({ type: 'child_returned_to_origin', date: '2030-04-10', exit: 'deported' });
  expect(body).toEqual({ type: 'child_returned_to_origin', occurredAt: '2030-04-10', exit: 'deported' });
  expect(EventBodySchema.safeParse(body).success).toBe(true);
  const released = EventBodySchema.safeParse(eventFromForm({ type: 'child_returned_to_origin', date: '2030-04-10', exit: 'released' }));
  expect(released.success ? [] : released.error.issues.map((i) => i.path.join('.'))).toEqual(['exit']);
});
