import type { MessageKey } from "@/lib/i18n";
import type { MissionStatus } from "../api/planning";

/** Calendar colours per status (readable on white with white text, AA for 12 px bold). */
export const STATUS_COLORS: Record<MissionStatus, { background: string; text: string }> = {
  draft: { background: "#6b7280", text: "#ffffff" },
  planned: { background: "#1d4ed8", text: "#ffffff" },
  confirmed: { background: "#15803d", text: "#ffffff" },
  in_progress: { background: "#b45309", text: "#ffffff" },
  completed: { background: "#334155", text: "#ffffff" },
  canceled: { background: "#b91c1c", text: "#ffffff" },
};

export const STATUS_LABELS: Record<MissionStatus, MessageKey> = {
  draft: "missions.status.draft",
  planned: "missions.status.planned",
  confirmed: "missions.status.confirmed",
  in_progress: "missions.status.in_progress",
  completed: "missions.status.completed",
  canceled: "missions.status.canceled",
};

/** The server's status machine (domain/missions.cpp), to offer only the possible steps. */
export function nextStatuses(from: MissionStatus): MissionStatus[] {
  switch (from) {
    case "draft":
      return ["planned", "canceled"];
    case "planned":
      return ["confirmed", "draft", "canceled"];
    case "confirmed":
      return ["in_progress", "canceled"];
    case "in_progress":
      return ["completed", "canceled"];
    default:
      return [];
  }
}
