import { formatDate } from '../../platform/dates.js';
import { auditRecordKinds } from '../audit-log/index.js';
import { providerPage } from '../providers/index.js';
import { contributePortalTraining } from './portal.js';
import { attendanceLabels, bookingStatusLabels } from './presenters.js';
import { settingBookings } from './repository.js';

/** What training adds to the provider page (attendance, the timeline), the portal and the audit log (called when the service is wired). */
export function contributeTraining(): void {
  providerPage.sections.add('training', {
    permission: 'training:view',
    async load(ctx, provider) {
      const bookings = await settingBookings(ctx.tenant, provider.urn);
      if (!bookings.length) return null;
      const held = bookings.filter((b) => b.status === 'booked');
      return {
        template: 'events/views/provider-section.njk',
        data: {
          bookings: bookings.map((b) => ({ ...b, statusText: b.attendance ? attendanceLabels[b.attendance] : bookingStatusLabels[b.status] })),
          attended: held.filter((b) => b.attendance === 'attended').length,
          missed: held.filter((b) => b.attendance === 'did_not_attend').length,
        },
      };
    },
  }, 40);
  providerPage.timeline.add('training', async (tenant, urn) => {
    const bookings = await settingBookings(tenant, urn);
    return bookings.flatMap((b) => {
      const entries = [{ at: b.requested_at, summary: `${b.attendee_name} ${b.status === 'waiting' ? 'joined the waiting list for' : 'booked on'} ${b.title} (${formatDate(b.starts_at)})` }];
      if (b.cancelled_at) entries.push({ at: b.cancelled_at, summary: `${b.attendee_name}’s place on ${b.title} cancelled` });
      if (b.attendance) entries.push({ at: b.starts_at, summary: `${b.attendee_name} ${b.attendance === 'attended' ? 'attended' : 'did not attend'} ${b.title}` });
      return entries;
    });
  }, 40);
  auditRecordKinds.add('training_session', { type: 'training_session', label: 'Training session', href: (id) => `/training/sessions/${id}` });
  auditRecordKinds.add('training_course', { type: 'training_course', label: 'Training course', href: (id) => `/training/courses/${id}` });
  contributePortalTraining();
}
