// Pure rules of the moderation feature: what a decision does to the video, who sees reporters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seesPersonalData, visibilityAfter } from '../../server/features/moderation/moderation.service.js';

test('a decision sets the video visibility: remove, age-restrict; dismiss and escalate keep it', () => {
  assert.equal(visibilityAfter('remove', 'public'), 'removed');
  assert.equal(visibilityAfter('age_restrict', 'public'), 'age_restricted');
  assert.equal(visibilityAfter('dismiss', 'age_restricted'), 'age_restricted');
  assert.equal(visibilityAfter('escalate', 'private'), 'private');
});

test('reporter identity: admins and moderators see it, other roles get it masked (docs/architecture.md#roles)', () => {
  assert.deepEqual((['admin', 'moderator', 'oncall', 'analyst', 'advertiser'] as const).map(seesPersonalData), [true, true, false, false, false]);
});
