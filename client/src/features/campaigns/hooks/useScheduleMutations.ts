import { useMutation } from '../../../lib/useMutation';
import { createSchedule, deleteSchedule, sendScheduleNow, updateSchedule } from '../api/campaignsApi';

/** POST /api/report-schedules */
export function useCreateSchedule() {
  return useMutation(createSchedule);
}

/** PATCH /api/report-schedules/:id */
export function useUpdateSchedule() {
  return useMutation(updateSchedule);
}

/** DELETE /api/report-schedules/:id */
export function useDeleteSchedule() {
  return useMutation(deleteSchedule);
}

/** POST /api/report-schedules/:id/send */
export function useSendScheduleNow() {
  return useMutation(sendScheduleNow);
}
