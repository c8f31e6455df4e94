import { ScanLineIcon } from "lucide-react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { useI18n } from "@/lib/i18n";

/**
 * The code field: a USB or Bluetooth scanner types the code then Enter (a "keyboard wedge"),
 * a person types a short code. Keeps the focus so the next scan lands here too.
 */
export function ScanField({
  onCode,
  busy,
  label,
}: {
  onCode: (code: string) => void;
  busy?: boolean;
  label?: string;
}) {
  const { t } = useI18n();
  const [value, setValue] = useState("");
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!busy) input.current?.focus();
  }, [busy]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const code = value.trim();
    if (!code) return;
    setValue("");
    onCode(code);
  };
  return (
    <form className="flex gap-2" onSubmit={submit}>
      <Input
        ref={input}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        aria-label={label ?? t("scanner.code")}
        placeholder={t("scanner.codePlaceholder")}
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        enterKeyHint="go"
        className="font-mono"
      />
      <Button type="submit" disabled={busy || value.trim() === ""}>
        <ScanLineIcon aria-hidden="true" />
        {t("scanner.find")}
      </Button>
    </form>
  );
}
