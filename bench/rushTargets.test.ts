import { rushCpuSeconds, rushTargets, targetLines, type RunFigures } from './rushTargets';

const rush: RunFigures = {
  scenario: 'rush',
  temporal: 'server',
  reminders: { expected: 10_002, received: 10_002, missing: 0, duplicated: 0 },
  messagesDelivered: 30_006,
  plazoP99Ms: 50_000,
  pollerP99Ms: 120_000,
  cpuFrom: { temporalServer: 100, postgres: 50, workers: [200, 10, 10] },
  cpuTo: { temporalServer: 150, postgres: 70, workers: [250, 40, 40] },
  openCases: 3_434,
  openedAndVisiblePerSecond: 120,
  workerRssPeakMb: 280,
  serverPssPeakMb: 400,
  killedWorker: false,
};

describe('issue 28 targets of npm run bench', () => {
  it('counts CPU of the server, Postgres and every worker between the marks, per delivered reminder', () => {
    expect(rushCpuSeconds(rush.cpuFrom, rush.cpuTo)).toBe(50 + 20 + 110);
    const t = rushTargets(rush);
    expect(t.cpuPerCountedReminder!.value).toBe(18); // 180 s / 10,002 counted reminders
    expect(t.cpuPerCountedReminder!.met).toBe(false);
    expect(t.cpuPerDeliveredReminder).toMatchObject({ value: 6, met: true }); // 180 s / 30,006 messages
    expect(rushTargets({ ...rush, cpuTo: { temporalServer: 120, postgres: 60, workers: [300, 10, 10] } }).cpuPerCountedReminder!.met).toBe(true); // 130 s: 13 ms
    expect(rushTargets({ ...rush, messagesDelivered: 0 }).cpuPerDeliveredReminder).toMatchObject({ applies: false, met: null });
  });

  it('a worker without a reading adds nothing rather than a negative; a missing mark measures nothing', () => {
    expect(rushCpuSeconds(rush.cpuFrom, { ...rush.cpuTo!, workers: [250, 40, null] })).toBe(50 + 20 + 50 + 30);
    const none = rushTargets({ ...rush, cpuTo: undefined }).cpuPerDeliveredReminder!;
    expect(none).toMatchObject({ applies: false, met: null, value: null });
  });

  it('the rush: p99 within 60 s and at most half the poller', () => {
    const t = rushTargets(rush);
    expect(t.rushP99).toMatchObject({ applies: true, met: true, value: 50_000 });
    expect(t.rushAtMostHalfThePoller).toMatchObject({ applies: true, met: true });
    const slow = rushTargets({ ...rush, plazoP99Ms: 70_000 });
    expect(slow.rushP99!.met).toBe(false);
    expect(slow.rushAtMostHalfThePoller!.met).toBe(false); // 70 / 120 = 0.58
  });

  it('a window run, or a rush of fewer than 10,000 reminders, does not measure the rush', () => {
    expect(rushTargets({ ...rush, scenario: 'window' }).rushP99).toMatchObject({ applies: false, met: null });
    expect(rushTargets({ ...rush, reminders: { ...rush.reminders, expected: 1_500 } }).rushAtMostHalfThePoller!.applies).toBe(false);
  });

  it('the window p99 and the server memory apply only among 50,000 open cases, memory only on the real server', () => {
    const window = { ...rush, scenario: 'window' as const, plazoP99Ms: 800, openCases: 50_100, serverPssPeakMb: 1_100 };
    const t = rushTargets(window);
    expect(t.windowP99AmongFiftyThousand).toMatchObject({ applies: true, met: true });
    expect(t.serverPssAtFiftyThousand).toMatchObject({ applies: true, met: false, value: 1_100 });
    expect(rushTargets({ ...window, temporal: 'dev' }).serverPssAtFiftyThousand!.applies).toBe(false);
    expect(rushTargets({ ...window, openCases: 2_100 }).windowP99AmongFiftyThousand!.applies).toBe(false);
  });

  it('a missing or duplicated reminder misses; opening below 100/s misses; each target is printed once', () => {
    const t = rushTargets({ ...rush, reminders: { ...rush.reminders, duplicated: 1 }, openedAndVisiblePerSecond: 38.5, killedWorker: true });
    expect(t.zeroMissingZeroDuplicated).toMatchObject({ met: false, value: 1 });
    expect(t.zeroMissingZeroDuplicated!.description).toContain('SIGKILLed');
    expect(t.openedAndVisiblePerSecond).toMatchObject({ met: false, value: 38.5 });
    const lines = targetLines(t);
    expect(lines).toHaveLength(Object.keys(t).length);
    expect(lines.find((l) => l.startsWith('target openedAndVisiblePerSecond: MISSED'))).toBeDefined();
    expect(targetLines(rushTargets({ ...rush, scenario: 'window' })).find((l) => l.startsWith('target rushP99: not measured'))).toBeDefined();
  });
});
