import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { apiRequest } from "@/lib/api-client";

// The organisation's reminder schedule (relances), and the e-mail each step sends, previewed
// with sample data.

export const reminderToneSchema = z.enum(["courteous", "firm", "formal"]);
export type ReminderTone = z.infer<typeof reminderToneSchema>;

export const reminderSettingsSchema = z.object({
  enabled: z.boolean(),
  steps: z.array(
    z.object({ key: z.string(), offset_days: z.number().int(), tone: reminderToneSchema }),
  ),
  send_hour: z.number().int(),
  quote_followup_days: z.number().int(),
  quote_expiry_notice_days: z.number().int(),
  crew_reminder_hour: z.number().int(),
});
export type ReminderSettings = z.infer<typeof reminderSettingsSchema>;

export interface ReminderSettingsInput {
  enabled: boolean;
  steps: { offset_days: number; tone: ReminderTone }[];
  send_hour: number;
  quote_followup_days: number;
  quote_expiry_notice_days: number;
  crew_reminder_hour: number;
}

const key = ["reminder-settings"] as const;

export const reminderSettingsQuery = () =>
  queryOptions({
    queryKey: key,
    queryFn: ({ signal }) =>
      apiRequest("/api/v1/reminder-settings", reminderSettingsSchema, { signal }),
  });

export function useReminderSettings() {
  return useQuery(reminderSettingsQuery());
}

export function useSaveReminderSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ReminderSettingsInput) =>
      apiRequest("/api/v1/reminder-settings", reminderSettingsSchema, {
        method: "PUT",
        body: input,
      }),
    onSuccess: (saved) => queryClient.setQueryData(key, saved),
  });
}

/** The template a step sends: before the due date, then by tone. */
export function reminderTemplate(step: { offset_days: number; tone: ReminderTone }): string {
  if (step.offset_days < 0) return "payment.reminder.upcoming";
  if (step.tone === "firm") return "payment.reminder.firm";
  if (step.tone === "formal") return "payment.reminder.formal";
  return "payment.reminder";
}

const previewSchema = z.object({ subject: z.string(), html: z.string(), text: z.string() });

export function useReminderPreview(template: string | null) {
  return useQuery({
    queryKey: ["reminder-preview", template],
    queryFn: ({ signal }) =>
      apiRequest(
        `/api/v1/admin/email-templates/${encodeURIComponent(template ?? "")}/preview?locale=fr`,
        previewSchema,
        { signal },
      ),
    enabled: template !== null,
  });
}
