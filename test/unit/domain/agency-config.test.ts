import { describe, expect, it } from 'vitest';
import { InvalidAgencyConfig, loadAgencyConfig } from '../../../functions/domain/agency-config';
import { agencyEnv } from '../../support/domain-fixtures';

describe('agency configuration', () => {
  it('fills the documented defaults around the addresses the stack sets', () => {
    // Act
    const config = loadAgencyConfig({ ...agencyEnv, PUBLIC_BASE_URL: 'https://certify.agency.example/' });

    // Assess
    expect(config).toEqual({
      agencyTimezone: 'America/Chicago',
      senderAddress: 'certification@agency.example',
      customerServiceEmail: 'care@agency.example',
      mentorTeamEmail: 'mentors@agency.example',
      proctorsEmail: 'proctors@agency.example',
      publicBaseUrl: 'https://certify.agency.example',
      sessionTime: '09:00',
      examTime: '13:00',
      resultsDueTime: '17:00',
      passMark: 80,
      reminderEveryDays: 2,
      reminderCount: 3,
      reserveAmountMinor: 150_000,
      reserveCurrency: 'usd',
      holidays: expect.objectContaining({ holidayOn: expect.any(Function) }),
      branding: {
        name: 'Virtual Employee Staffing',
        shortName: 'VE Staffing',
        phone: '+1 312 555 0100',
        website: 'https://agency.example.com',
        postalAddress: '100 N Riverside Plaza, Chicago, IL 60606, USA',
        brandColour: '#1f5f8b',
      },
    });
    // The default calendar is the US federal one.
    expect(config.holidays.holidayOn('2026-11-26')).toBe('Thanksgiving Day');
    expect(config.holidays.holidayOn('2026-12-25')).toBe('Christmas Day');
    expect(config.holidays.holidayOn('2026-11-27')).toBeUndefined();
  });

  it('takes overrides for times, pass mark and cadence', () => {
    // Act
    const config = loadAgencyConfig({
      ...agencyEnv,
      AGENCY_TIMEZONE: 'America/Denver',
      SESSION_TIME: '08:30',
      EXAM_TIME: '14:00',
      RESULTS_DUE_TIME: '18:00',
      PASS_MARK: '75',
      REMINDER_EVERY_DAYS: '3',
      REMINDER_COUNT: '5',
    });

    // Assess
    expect(config).toMatchObject({
      agencyTimezone: 'America/Denver',
      sessionTime: '08:30',
      examTime: '14:00',
      resultsDueTime: '18:00',
      passMark: 75,
      reminderEveryDays: 3,
      reminderCount: 5,
    });
  });

  it.each([
    { field: 'AGENCY_TIMEZONE', value: 'Central Time' },
    { field: 'PASS_MARK', value: '101' },
    { field: 'PASS_MARK', value: 'eighty' },
    { field: 'EXAM_TIME', value: '1pm' },
    { field: 'SENDER_ADDRESS', value: 'not-an-address' },
    { field: 'PUBLIC_BASE_URL', value: 'certify.example' },
    { field: 'REMINDER_EVERY_DAYS', value: '0' },
    { field: 'RESULTS_DUE_TIME', value: '12:00' },
    { field: 'RESERVE_AMOUNT', value: '-5' },
    { field: 'RESERVE_CURRENCY', value: 'US dollars' },
  ])('fails naming $field when it is "$value"', ({ field, value }) => {
    // Act
    const load = () => loadAgencyConfig({ ...agencyEnv, [field]: value });

    // Assess
    expect(load).toThrow(InvalidAgencyConfig);
    expect(load).toThrow(new RegExp(`^Invalid agency configuration: .*${field}:`));
  });

  it('names every missing required field, an empty value counting as missing', () => {
    // Act
    const load = () => loadAgencyConfig({ SENDER_ADDRESS: '' });

    // Assess
    expect(load).toThrow(
      expect.objectContaining({
        fields: expect.arrayContaining([
          expect.objectContaining({ field: 'SENDER_ADDRESS' }),
          expect.objectContaining({ field: 'CUSTOMER_SERVICE_EMAIL' }),
          expect.objectContaining({ field: 'MENTOR_TEAM_EMAIL' }),
          expect.objectContaining({ field: 'PROCTORS_EMAIL' }),
          expect.objectContaining({ field: 'PUBLIC_BASE_URL' }),
        ]),
      }),
    );
  });
});
