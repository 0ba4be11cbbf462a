// Campaigns, reports, exports and scheduled reports (docs/architecture.md#roles, README#campaigns, docs/architecture.md#api). Admins and analysts see
// every advertiser (analysts read only); an advertiser sees its own, scoped in the queries, so
// another advertiser's ids answer 404. Moderators and on-call have no access (403).
import { zCampaignAnswer, zCampaignList, zCampaignReport, zReportScheduleAnswer, zReportSchedules, zSendNowAnswer } from '../../../contract/campaigns.js';
import {
  zCampaignListQuery,
  zIdParams,
  zNewScheduleBody,
  zRangeQuery,
  zReportQuery,
  zScheduleChangeBody,
  zScheduleListQuery,
} from '../../../contract/campaigns.requests.js';
import { route, signedIn, type Access } from '../../http/route.js';
import { publicCampaign, type CampaignsService } from './campaigns.service.js';
import type { ReportSchedulesService } from './schedules.service.js';
import { RateLimit } from '../../http/limits.js';
import { TooManyRequestsError } from '../../http/errors.js';

const readers: Access = { kind: 'session', roles: ['admin', 'analyst', 'advertiser'] };
const writers: Access = { kind: 'session', roles: ['admin', 'advertiser'] };

/** "Send now" (docs/hardening.md): one send a minute per schedule and account, five a minute per account. */
const SEND_NOW_PER_SCHEDULE = 1;
const SEND_NOW_PER_ACCOUNT = 5;

export function campaignRoutes(campaigns: CampaignsService, schedules: ReportSchedulesService) {
  const perSchedule = new RateLimit(SEND_NOW_PER_SCHEDULE);
  const perAccount = new RateLimit(SEND_NOW_PER_ACCOUNT);
  const sendNowAllowed = (accountId: number, scheduleId: number) => {
    const wait = perAccount.take(`a:${accountId}`) || perSchedule.take(`s:${accountId}:${scheduleId}`);
    if (wait)
      throw new TooManyRequestsError(`"Send now" sends at most once a minute per schedule and ${SEND_NOW_PER_ACCOUNT} times a minute per account.`, wait);
  };
  return [
    route({
      method: 'get',
      path: '/campaigns',
      summary: 'Campaigns with spend to date: an advertiser\u2019s own; all for admins and analysts (filter ?advertiserId).',
      access: readers,
      query: zCampaignListQuery,
      response: zCampaignList,
      handler: (ctx) => campaigns.listCampaigns(signedIn(ctx), ctx.query.advertiserId),
    }),
    route({
      method: 'get',
      path: '/campaigns/:id',
      summary: 'One campaign with its advertiser\u2019s timezone and currency (404 for another advertiser\u2019s).',
      access: readers,
      params: zIdParams,
      response: zCampaignAnswer,
      handler: async (ctx) => ({ campaign: publicCampaign(await campaigns.getCampaign(signedIn(ctx), ctx.params.id)) }),
    }),
    route({
      method: 'get',
      path: '/campaigns/:id/report',
      summary:
        'Daily report in the advertiser\u2019s timezone over [from, to) (dates or quarter-hour instants), totals from raw sums, optional breakdown by region or device.',
      access: readers,
      params: zIdParams,
      query: zReportQuery,
      response: zCampaignReport,
      handler: (ctx) => campaigns.report(signedIn(ctx), ctx.params.id, ctx.query),
    }),
    route({
      method: 'get',
      path: '/campaigns/:id/report.csv',
      summary: 'The report as CSV (RFC 4180, UTF-8 BOM, timezone in a # header comment and the file name).',
      access: readers,
      params: zIdParams,
      query: zReportQuery,
      rawResponse: 'The report as CSV (text/csv), a file download',
      handler: (ctx) => campaigns.sendReport(signedIn(ctx), ctx.params.id, ctx.query, 'csv', ctx.res),
    }),
    route({
      method: 'get',
      path: '/campaigns/:id/report.xlsx',
      summary: 'The report as XLSX (typed numeric cells with formats).',
      access: readers,
      params: zIdParams,
      query: zReportQuery,
      rawResponse: 'The report as an XLSX workbook, a file download',
      handler: (ctx) => campaigns.sendReport(signedIn(ctx), ctx.params.id, ctx.query, 'xlsx', ctx.res),
    }),
    route({
      method: 'get',
      path: '/campaigns/:id/events.csv',
      summary: 'Every ad event of the campaign in [from, to), streamed as CSV; X-Total-Rows gives the count ahead.',
      access: readers,
      params: zIdParams,
      query: zRangeQuery,
      rawResponse: 'Every ad event of the range as CSV (text/csv), streamed; X-Total-Rows gives the row count',
      handler: (ctx) => campaigns.sendEvents(signedIn(ctx), ctx.params.id, ctx.query, 'csv', ctx.res),
    }),
    route({
      method: 'get',
      path: '/campaigns/:id/events.xlsx',
      summary: 'Every ad event of the campaign in [from, to), streamed as XLSX (a new sheet past 1,048,575 rows).',
      access: readers,
      params: zIdParams,
      query: zRangeQuery,
      rawResponse: 'Every ad event of the range as an XLSX workbook, streamed; X-Total-Rows gives the row count',
      handler: (ctx) => campaigns.sendEvents(signedIn(ctx), ctx.params.id, ctx.query, 'xlsx', ctx.res),
    }),
    route({
      method: 'get',
      path: '/report-schedules',
      summary: 'Scheduled reports with their recent sends (advertisers: their own), optionally of one campaign.',
      access: readers,
      query: zScheduleListQuery,
      response: zReportSchedules,
      handler: (ctx) => schedules.list(signedIn(ctx), ctx.query.campaignId),
    }),
    route({
      method: 'post',
      path: '/report-schedules',
      summary:
        'Schedules a report: daily, weekly (Mondays) or monthly (the 1st), CSV or XLSX, 1-5 recipients, sent at 06:00 in the advertiser\u2019s timezone.',
      access: writers,
      body: zNewScheduleBody,
      status: 201,
      response: zReportScheduleAnswer,
      handler: async (ctx) => ({ schedule: await schedules.create(signedIn(ctx), ctx.body) }),
    }),
    route({
      method: 'get',
      path: '/report-schedules/:id',
      summary: 'One scheduled report with its recent sends.',
      access: readers,
      params: zIdParams,
      response: zReportScheduleAnswer,
      handler: async (ctx) => ({ schedule: await schedules.getWithDeliveries(signedIn(ctx), ctx.params.id) }),
    }),
    route({
      method: 'patch',
      path: '/report-schedules/:id',
      summary: 'Changes frequency, format or recipients, or pauses and resumes a scheduled report.',
      access: writers,
      params: zIdParams,
      body: zScheduleChangeBody,
      response: zReportScheduleAnswer,
      handler: async (ctx) => ({ schedule: await schedules.update(signedIn(ctx), ctx.params.id, ctx.body) }),
    }),
    route({
      method: 'delete',
      path: '/report-schedules/:id',
      summary: 'Deletes a scheduled report.',
      access: writers,
      params: zIdParams,
      status: 204,
      handler: async (ctx) => {
        await schedules.remove(signedIn(ctx), ctx.params.id);
      },
    }),
    route({
      method: 'post',
      path: '/report-schedules/:id/send',
      summary:
        'Sends the last complete period of a scheduled report now; answers the send\u2019s outcome. Once a minute per schedule, five times a minute per account (429 past it).',
      access: writers,
      params: zIdParams,
      response: zSendNowAnswer,
      handler: (ctx) => {
        sendNowAllowed(signedIn(ctx).id, ctx.params.id);
        return schedules.sendNow(signedIn(ctx), ctx.params.id);
      },
    }),
  ];
}
