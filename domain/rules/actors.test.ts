/** Whose duty each rule is, in every pack: mx-2027.1 names it; older packs borrow the newest word for the same rule. */
import { actorOf, isDetentionRule, ngoWatches } from './actors';
import { RULE_PACKS } from './rulePack';

test('mx-2027.1 names the actor; an older pack borrows it by rule id', () => {
  expect(actorOf('comar_notice_to_inm', 'mx-2027.1')).toBe('comar');
  expect(actorOf('comar_notice_to_inm', 'mx-2026.2')).toBe('comar');
  expect(actorOf('bid_issued', 'mx-2026.1')).toBe('procuraduria');
  expect(actorOf('asylum_filing_window', 'mx-2026.1')).toBe('ngo');
  expect(actorOf('sre_opinion', 'mx-2026.1')).toBe('sre');
  // A rule no pack knows (or a pack that does not exist) is the NGO's: better an alarm too many than a duty hidden.
  expect(actorOf('no_such_rule', 'mx-2026.1')).toBe('ngo');
  expect(actorOf('comar_decision', 'xx-1999.1')).toBe('comar');
});

test('every rule of every pack has an actor, the same one in every pack', () => {
  for (const pack of RULE_PACKS) {
    for (const r of pack.rules) expect(actorOf(r.id, pack.version)).toBe(actorOf(r.id));
  }
});

test('the NGO acts on its own deadlines and on a child\'s detention, never on another authority\'s duty', () => {
  expect(isDetentionRule('detention_36h', 'mx-2026.1')).toBe(true);
  expect(isDetentionRule('child_detention_notice', 'mx-2027.1')).toBe(true);
  expect(isDetentionRule('comar_notice_to_inm', 'mx-2027.1')).toBe(false);
  expect(ngoWatches('detention_36h', actorOf('detention_36h'))).toBe(true);
  expect(ngoWatches('amparo_now', actorOf('amparo_now'))).toBe(true);
  expect(ngoWatches('comar_notice_to_inm', actorOf('comar_notice_to_inm'))).toBe(false);
  expect(ngoWatches('tvrh_for_child', actorOf('tvrh_for_child'))).toBe(false);
  expect(ngoWatches('bid_issued', actorOf('bid_issued'))).toBe(false);
});
