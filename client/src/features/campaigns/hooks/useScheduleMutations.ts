import { useApiMutation } from '../../../lib/query';
import { queryKeys } from '../../../lib/queryKeys';
import { createSchedule, deleteSchedule, sendScheduleNow, updateSchedule } from '../api/campaignsApi';

// Each change asks the schedule lists again (a send now moves its "last sent").
const invalidates = [queryKeys.allSchedules];

/** POST /api/report-schedules */
export function useCreateSchedule() {
  return useApiMutation(createSchedule, { invalidates });
}

/** PATCH /api/report-schedules/:id */
export function useUpdateSchedule() {
  return useApiMutation(updateSchedule, { invalidates });
}

/** DELETE /api/report-schedules/:id */
export function useDeleteSchedule() {
  return useApiMutation(deleteSchedule, { invalidates });
}

/** POST /api/report-schedules/:id/send */
export function useSendScheduleNow() {
  return useApiMutation(sendScheduleNow, { invalidates });
}
