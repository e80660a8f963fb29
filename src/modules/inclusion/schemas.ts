import { dateFromParts } from '../../platform/date-input.js';
import { areasOfNeed, consentPurposes, levelsOfNeed, type Service, services } from './labels.js';
import type { LevelOfNeed } from './tables.js';

type Body = Record<string, unknown>;
export type Problems = [string, string][];

/** A text field, trimmed and at most `max` characters. */
export function text(body: Body, name: string, max: number, problems: Problems, required?: string): string {
  const value = typeof body[name] === 'string' ? (body[name] as string).trim() : '';
  if (required && !value) problems.push([name, required]);
  else if (value.length > max) problems.push([name, `This must be ${max} characters or fewer`]);
  return value;
}

/** A whole number from `min` to `max`, or the message as a problem. */
export function wholeNumber(body: Body, name: string, min: number, max: number, message: string, problems: Problems): number {
  const n = Number(String(body[name] ?? '').trim());
  if (!Number.isInteger(n) || n < min || n > max) problems.push([name, message]);
  return n;
}

/** The ticked values of a checkbox group that are among `allowed`. */
export function ticked(body: Body, name: string, allowed: Record<string, string>): string[] {
  const raw = body[name];
  const values = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return values.filter((v): v is string => typeof v === 'string' && Object.hasOwn(allowed, v));
}

/**
 * What is typed into a form, to show back after an error: strings, and the ticked boxes of a checkbox
 * group as a list (typed as the page's string values; the templates read lists only to tick boxes).
 */
export function typed(body: Body): Record<string, string> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(body)) if (k !== '_csrf' && (typeof v === 'string' || Array.isArray(v))) out[k] = v as string | string[];
  return out as Record<string, string>;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface ReferralInput {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  startedOn: string;
  parentName: string;
  parentEmail: string;
  parentPhone: string;
  levelOfNeed: LevelOfNeed | null;
  areasOfNeed: string[];
  needs: string;
  graduatedApproach: string;
  consent: { givenBy: string; relationship: string; givenOn: string; purposes: string[] } | null;
}

/**
 * The referral form. A draft needs only the child's name and date of birth; submitting needs every
 * answer, and "a referral without consent cannot be submitted" (ADR 0027).
 */
export function readReferral(body: Body, submit: boolean, today: string): { input: ReferralInput; problems: Problems } {
  const problems: Problems = [];
  const need = (message: string) => (submit ? message : undefined);
  const firstName = text(body, 'firstName', 100, problems, 'Enter the child’s first name');
  const lastName = text(body, 'lastName', 100, problems, 'Enter the child’s last name');
  const dob = dateFromParts(body, 'dob', 'child’s date of birth', today, 'past');
  if (dob.error) problems.push(['dob-day', dob.error]);
  const anyStart = ['day', 'month', 'year'].some((k) => body[`started-${k}`]);
  const started = anyStart || submit ? dateFromParts(body, 'started', 'date the child started at your setting', today, 'any') : { value: today };
  if (started.error) problems.push(['started-day', started.error]);
  const parentName = text(body, 'parentName', 200, problems, need('Enter the parent or carer’s name'));
  const parentEmail = text(body, 'parentEmail', 254, problems);
  if (parentEmail && !EMAIL.test(parentEmail)) problems.push(['parentEmail', 'Enter the parent or carer’s e-mail address in the correct format, like name@example.com']);
  const parentPhone = text(body, 'parentPhone', 40, problems);
  if (submit && !parentEmail && !parentPhone) problems.push(['parentEmail', 'Enter the parent or carer’s e-mail address or telephone number']);
  const level = typeof body.levelOfNeed === 'string' && Object.hasOwn(levelsOfNeed, body.levelOfNeed) ? (body.levelOfNeed as LevelOfNeed) : null;
  if (submit && !level) problems.push(['levelOfNeed', 'Choose the child’s level of need']);
  const areas = ticked(body, 'areasOfNeed', areasOfNeed);
  if (submit && !areas.length) problems.push(['areasOfNeed', 'Choose at least one area of need']);
  const needs = text(body, 'needs', 5000, problems, need('Describe the child’s needs'));
  const graduatedApproach = text(body, 'graduatedApproach', 5000, problems, need('Describe what your setting has tried (assess, plan, do, review)'));
  let consent: ReferralInput['consent'] = null;
  if (body.consent === 'yes') {
    const givenBy = text(body, 'consentGivenBy', 200, problems, 'Enter the name of the parent or carer who gave consent');
    const relationship = text(body, 'consentRelationship', 100, problems, 'Enter their relationship to the child, like mother or foster carer');
    const givenOn = dateFromParts(body, 'consentOn', 'date consent was given', today, 'past');
    if (givenOn.error) problems.push(['consentOn-day', givenOn.error]);
    const purposes = ticked(body, 'consentPurposes', consentPurposes);
    if (!purposes.includes('referral')) problems.push(['consentPurposes', 'The parent or carer must consent to the referral to the Early Years panel']);
    consent = { givenBy, relationship, givenOn: givenOn.value ?? '', purposes };
  } else if (submit) {
    problems.push(['consent', 'A referral cannot be sent without the parent or carer’s consent: record their consent, or save the referral as a draft until you have it']);
  }
  return {
    input: { firstName, lastName, dateOfBirth: dob.value ?? '', startedOn: started.value ?? today, parentName, parentEmail, parentPhone, levelOfNeed: level, areasOfNeed: areas, needs, graduatedApproach, consent },
    problems,
  };
}

/** The form's fields from a saved referral (to edit a draft). */
export function referralValues(child: { first_name: string; last_name: string; date_of_birth: string; parent_name: string; parent_email: string; parent_phone: string; level_of_need: string | null; areas_of_need: string[] }, referral: { needs: string; graduated_approach: string }, startedOn: string | null, consent: { given_by: string; relationship: string; given_on: string; purposes: string[] } | null): Record<string, string> {
  const parts = (prefix: string, date: string | null) => (date ? { [`${prefix}-day`]: String(Number(date.slice(8, 10))), [`${prefix}-month`]: String(Number(date.slice(5, 7))), [`${prefix}-year`]: date.slice(0, 4) } : {});
  return {
    firstName: child.first_name, lastName: child.last_name, ...parts('dob', child.date_of_birth), ...parts('started', startedOn),
    parentName: child.parent_name, parentEmail: child.parent_email, parentPhone: child.parent_phone, levelOfNeed: child.level_of_need ?? '', areasOfNeed: child.areas_of_need,
    needs: referral.needs, graduatedApproach: referral.graduated_approach,
    ...(consent ? { consent: 'yes', consentGivenBy: consent.given_by, consentRelationship: consent.relationship, ...parts('consentOn', consent.given_on), consentPurposes: consent.purposes } : {}),
  } as unknown as Record<string, string>;
}

export interface DecisionInput {
  decision: 'meets' | 'does_not_meet';
  service: Service | null;
  practitionerId: string | null;
  reasons: string;
  signposting: string;
}

export function readDecision(body: Body, practitionerIds: readonly string[]): { input: DecisionInput; problems: Problems } {
  const problems: Problems = [];
  const decision = body.decision === 'meets' || body.decision === 'does_not_meet' ? body.decision : null;
  if (!decision) problems.push(['decision', 'Choose whether the child meets the criteria for support']);
  const service = typeof body.service === 'string' && Object.hasOwn(services, body.service) ? (body.service as Service) : null;
  const practitionerId = typeof body.practitionerId === 'string' && practitionerIds.includes(body.practitionerId) ? body.practitionerId : null;
  if (decision === 'meets' && !service) problems.push(['service', 'Choose who the child is allocated to']);
  if (decision === 'meets' && !practitionerId) problems.push(['practitionerId', 'Choose the practitioner who will contact the family']);
  const reasons = text(body, 'reasons', 5000, problems, 'Enter the panel’s reasons');
  const signposting = text(body, 'signposting', 5000, problems, decision === 'does_not_meet' ? 'Enter where the setting and family can find support (signposting)' : undefined);
  return { input: { decision: decision ?? 'meets', service, practitionerId, reasons, signposting }, problems };
}
