import { DELIVERY_ALERTS } from '../../metrics/alertThresholds';
import { firingDeliveryAlerts } from './systemStatus';

const hour = DELIVERY_ALERTS.PlazoHourAlarmUndelivered.seconds;
const any = DELIVERY_ALERTS.PlazoReminderUndelivered.seconds;

test('no undelivered message, or none past a threshold: quiet', () => {
  expect(firingDeliveryAlerts([])).toEqual([]);
  expect(firingDeliveryAlerts([{ unit: 'hours', oldestAgeSeconds: hour }, { unit: 'business_days', oldestAgeSeconds: any }])).toEqual([]);
});

test("an hour-counted alarm past its threshold fires its alert, and the general one only past the general threshold", () => {
  expect(firingDeliveryAlerts([{ unit: 'hours', oldestAgeSeconds: hour + 1 }])).toEqual(['PlazoHourAlarmUndelivered']);
  expect(firingDeliveryAlerts([{ unit: 'hours', oldestAgeSeconds: any + 1 }])).toEqual(['PlazoReminderUndelivered', 'PlazoHourAlarmUndelivered']);
});

test('a day-counted reminder past the general threshold fires only the general alert', () => {
  expect(firingDeliveryAlerts([{ unit: 'business_days', oldestAgeSeconds: any + 1 }, { unit: 'hours', oldestAgeSeconds: 0 }])).toEqual(['PlazoReminderUndelivered']);
});
