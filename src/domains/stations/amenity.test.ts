import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AMENITIES, AMENITY_LABELS, amenityFromName, amenityMask, parseAmenities, splitList } from './amenity.ts';

test('every amenity is found by its code and both labels', () => {
  assert.equal(AMENITIES.length, 15);
  for (const a of AMENITIES) {
    assert.equal(amenityFromName(a), a);
    assert.equal(amenityFromName(AMENITY_LABELS[a]['zh-CN']), a);
    assert.equal(amenityFromName(AMENITY_LABELS[a].en.toUpperCase()), a);
  }
});

test('aliases from import files and map filters', () => {
  assert.equal(amenityFromName('water'), 'drinking_water');
  assert.equal(amenityFromName('charging'), 'phone_charging');
  assert.equal(amenityFromName('电瓶车充电'), 'ebike_charging');
  assert.equal(amenityFromName('厕所'), 'toilet');
  assert.equal(amenityFromName('Wi-Fi'), 'wifi');
  assert.equal(amenityFromName('ＷｉＦｉ'), 'wifi');
  assert.equal(amenityFromName('swimming pool'), undefined);
});

test('a cell of names becomes sorted, de-duplicated codes plus the unknown names', () => {
  const { amenities, unknown } = parseAmenities(splitList('微波炉、饮水机，热水; 厕所/充电, 按摩椅, drinking water'));
  assert.deepEqual(amenities, ['drinking_water', 'hot_water', 'microwave', 'phone_charging', 'toilet']);
  assert.deepEqual(unknown, ['按摩椅']);
  assert.deepEqual(splitList(' '), []);
});

test('masks: one bit per amenity', () => {
  assert.equal(amenityMask(['drinking_water']), 1);
  assert.equal(amenityMask(['drinking_water', 'microwave', 'nonsense']), 0b101);
  assert.equal(amenityMask([...AMENITIES]), 2 ** 15 - 1);
});
