import { describe, expect, it } from 'vitest';
import { CARRIER_SEED } from '../src/tracking/carrier-registry.js';
import { matchCarrierText } from '../src/tracking/carrier.service.js';
import type { CarrierEntity } from '../src/tracking/carrier.entity.js';
import { detectCarrier } from '../src/tracking/tracking-number.js';

const carriers = CARRIER_SEED as unknown as CarrierEntity[];

describe('carrier names in free text', () => {
  it.each([
    ['UPS Ground', 'ups'],
    ['u.p.s.', 'ups'],
    ['ups ground', 'ups'],
    ['FedEx Home Delivery', 'fedex'],
    ['Deutsche Post', 'deutsche_post'],
    ['DHL Paket', 'dhl_paket'],
    ['DHL', 'dhl'],
    ['Canada Post', 'canada_post'],
    ['Royal Mail Tracked 48', 'royal_mail'],
    ['USPS Priority Mail', 'usps'],
  ])('"%s" is %s', (text, code) => {
    expect(matchCarrierText(text, carriers)?.code).toBe(code);
  });

  it('unknown names match nothing', () => {
    expect(matchCarrierText('Speedy Couriers', carriers)).toBeNull();
    expect(matchCarrierText('', carriers)).toBeNull();
  });
});

describe('tracking-number detection', () => {
  it.each([
    ['1Z5R89390357567001', ['ups'], true],
    ['1Z5R89390357567002', ['ups'], false],
    ['986578788855', ['fedex'], true],
    ['00340434292135100186', ['usps'], true],
    ['RR123456785DE', ['deutsche_post'], true],
    ['hello', [], null],
  ])('%s → %j, check digit %s', (number, candidates, valid) => {
    expect(detectCarrier(number)).toEqual({ candidates, checkDigitValid: valid });
  });
});
