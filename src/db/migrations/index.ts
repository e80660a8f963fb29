import type { Migration } from 'kysely';
import * as foundation from './20261123_0900_foundation.js';
import * as providers from './20261123_1000_providers.js';
import * as ofstedValueFunctions from './20261123_1100_ofsted_value_functions.js';
import * as pathways from './20261124_0900_pathways.js';
import * as notesOutbox from './20261124_1000_notes_outbox.js';
import * as portal from './20261124_1100_portal.js';
import * as evidence from './20261124_1200_evidence.js';
import * as portalRecords from './20261125_0900_portal_records.js';
import * as audits from './20261125_1000_audits.js';
import * as funding from './20261125_1100_funding.js';
import * as feeeActions from './20261125_1200_feee_actions.js';
import * as importSpeed from './20261126_0900_import_speed.js';
import * as addressWithheld from './20261127_0900_address_withheld.js';
import * as changesSeen from './20261127_1000_changes_seen.js';
import * as auditNoTruncate from './20261204_2020_audit_no_truncate.js';
import * as editVersions from './20261204_2020_edit_versions.js';
import * as importFidelity from './20261204_2010_import_fidelity.js';
import * as outboxRetention from './20261204_2020_outbox_retention.js';
import * as signInThrottle from './20261204_2000_sign_in_throttle.js';
import * as importNotices from './20261204_2110_import_notices.js';
import * as requirementsAndRegions from './20261208_0100_requirements_and_regions.js';
import * as extractDetails from './20261208_0110_extract_details.js';
import * as importLaWarnings from './20261208_0120_import_la_warnings.js';
import * as inclusion from './20261208_0800_inclusion.js';
import * as inclusionAreaSenco from './20261208_0810_inclusion_area_senco.js';
import * as inclusionFund from './20261208_0820_inclusion_fund.js';
import * as inclusionDropins from './20261208_0830_inclusion_dropins.js';
import * as strategy from './20261208_0700_strategy.js';
import * as sufficiency from './20261208_0710_sufficiency.js';
import * as vacancyReturns from './20261208_0720_vacancy_returns.js';
import * as prospective from './20261208_0730_prospective.js';
import * as sustainability from './20261208_0740_sustainability.js';
import * as sustainabilityPathway from './20261208_1000_sustainability_pathway.js';
import * as returnSchedule from './20261208_1010_return_schedule.js';
import * as feeeTakeUp from './20261208_0750_feee_take_up.js';
import * as trainingEvents from './20261208_0600_training_events.js';
import * as providerUpdates from './20261208_0610_provider_updates.js';
import * as calendarDays from './20261208_0200_calendar_days.js';
import * as reports from './20261208_0500_reports.js';
import * as organisation from './20261208_0400_organisation.js';
import * as pageCosts from './20261208_0300_page_costs.js';
import * as fundingEligibility from './20261208_0310_funding_eligibility.js';
import * as complaints from './20261208_0900_complaints.js';

/** Every migration, by timestamped name. Add new ones at the end. */
export const migrations: Record<string, Migration> = {
  '20261123_0900_foundation': foundation,
  '20261123_1000_providers': providers,
  '20261123_1100_ofsted_value_functions': ofstedValueFunctions,
  '20261124_0900_pathways': pathways,
  '20261124_1000_notes_outbox': notesOutbox,
  '20261124_1100_portal': portal,
  '20261124_1200_evidence': evidence,
  '20261125_0900_portal_records': portalRecords,
  '20261125_1000_audits': audits,
  '20261125_1100_funding': funding,
  '20261125_1200_feee_actions': feeeActions,
  '20261126_0900_import_speed': importSpeed,
  '20261127_0900_address_withheld': addressWithheld,
  '20261127_1000_changes_seen': changesSeen,
  '20261204_2000_sign_in_throttle': signInThrottle,
  '20261204_2010_import_fidelity': importFidelity,
  '20261204_2020_audit_no_truncate': auditNoTruncate,
  '20261204_2020_edit_versions': editVersions,
  '20261204_2020_outbox_retention': outboxRetention,
  '20261204_2110_import_notices': importNotices,
  '20261208_0100_requirements_and_regions': requirementsAndRegions,
  '20261208_0110_extract_details': extractDetails,
  '20261208_0120_import_la_warnings': importLaWarnings,
  '20261208_0800_inclusion': inclusion,
  '20261208_0810_inclusion_area_senco': inclusionAreaSenco,
  '20261208_0820_inclusion_fund': inclusionFund,
  '20261208_0830_inclusion_dropins': inclusionDropins,
  '20261208_0700_strategy': strategy,
  '20261208_0710_sufficiency': sufficiency,
  '20261208_0720_vacancy_returns': vacancyReturns,
  '20261208_0730_prospective': prospective,
  '20261208_0740_sustainability': sustainability,
  '20261208_0750_feee_take_up': feeeTakeUp,
  '20261208_0600_training_events': trainingEvents,
  '20261208_0610_provider_updates': providerUpdates,
  '20261208_0200_calendar_days': calendarDays,
  '20261208_0500_reports': reports,
  '20261208_0400_organisation': organisation,
  '20261208_0300_page_costs': pageCosts,
  '20261208_0310_funding_eligibility': fundingEligibility,
  '20261208_0900_complaints': complaints,
  '20261208_1000_sustainability_pathway': sustainabilityPathway,
  '20261208_1010_return_schedule': returnSchedule,
};
