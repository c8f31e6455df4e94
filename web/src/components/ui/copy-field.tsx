import { CopyIcon } from "lucide-react";
import { toast } from "@/lib/toast";
import { Button } from "./button";
import { Input } from "./input";

/** A read-only value (a token, a secret, a URL to paste elsewhere) with a copy button. */
export function CopyField({
  value,
  label,
  copyLabel,
  copiedMessage,
}: {
  value: string;
  label: string;
  copyLabel: string;
  copiedMessage: string;
}) {
  return (
    <div className="flex gap-2">
      <Input readOnly value={value} aria-label={label} className="font-mono text-xs" />
      <Button
        type="button"
        variant="outline"
        onClick={() =>
          void navigator.clipboard?.writeText(value).then(() => toast.success(copiedMessage))
        }
      >
        <CopyIcon aria-hidden="true" />
        {copyLabel}
      </Button>
    </div>
  );
}
