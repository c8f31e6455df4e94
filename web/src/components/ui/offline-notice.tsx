import { CloudOffIcon } from "lucide-react";
import type { ReactNode } from "react";

/** The amber "no network" notice of the pages that work offline (scans, my missions). */
export function OfflineNotice({ children }: { children: ReactNode }) {
  return (
    <p
      role="status"
      className="flex items-start gap-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100"
    >
      <CloudOffIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      {children}
    </p>
  );
}
