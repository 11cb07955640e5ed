/** The feed's tag: what changes it, and If-None-Match as calendar apps and proxies send it. */
import { etagMatches, feedEtag } from './feedEtag';

const opts = { ownerName: 'Carla', lang: 'es' as const, zone: 'America/Mexico_City', publicUrl: 'https://plazo.example' };

test('the same rows and owner give the same tag; a change in either gives another', () => {
  const tag = feedEtag('12:345:2026-12-06 18:00:00+00:2026-12-06', opts);
  expect(tag).toMatch(/^"[\w-]{27}"$/);
  expect(feedEtag('12:345:2026-12-06 18:00:00+00:2026-12-06', { ...opts })).toBe(tag);
  const others = [
    feedEtag('12:345:2026-12-06 18:00:01+00:2026-12-06', opts), // a case changed
    feedEtag('13:346:2026-12-06 18:00:00+00:2026-12-06', opts), // a case entered the scope
    feedEtag('12:345:2026-12-06 18:00:00+00:2026-12-07', opts), // a new day: settled deadlines may leave
    feedEtag('12:345:2026-12-06 18:00:00+00:2026-12-06', { ...opts, lang: 'en' }),
    feedEtag('12:345:2026-12-06 18:00:00+00:2026-12-06', { ...opts, zone: 'America/Tijuana' }),
    feedEtag('12:345:2026-12-06 18:00:00+00:2026-12-06', { ...opts, ownerName: 'Carla R.' }),
    feedEtag('12:345:2026-12-06 18:00:00+00:2026-12-06', { ...opts, publicUrl: 'https://plazo.example.org' }),
  ];
  expect(new Set([tag, ...others]).size).toBe(others.length + 1);
});

test('If-None-Match: the tag, weak or strong, alone or in a list, or *; nothing else', () => {
  const tag = feedEtag('1:2:3', opts);
  expect(etagMatches(tag, tag)).toBe(true);
  expect(etagMatches(`W/${tag}`, tag)).toBe(true);
  expect(etagMatches(`"a", ${tag}`, tag)).toBe(true);
  expect(etagMatches('*', tag)).toBe(true);
  expect(etagMatches(undefined, tag)).toBe(false);
  expect(etagMatches('', tag)).toBe(false);
  expect(etagMatches('"a"', tag)).toBe(false);
  expect(etagMatches(tag.slice(1, -1), tag)).toBe(false); // unquoted is not the tag
});
