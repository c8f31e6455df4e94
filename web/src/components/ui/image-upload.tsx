import { ImageIcon, Trash2Icon, UploadIcon } from "lucide-react";
import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { useI18n } from "@/lib/i18n";
import { shrinkImage } from "@/lib/images";
import { cn } from "@/lib/utils";

const ACCEPTED = ["image/png", "image/jpeg", "image/webp"];
const MAX_BYTES = 1024 * 1024;

interface ImageUploadProps {
  label: string;
  /** The current image's address, or null. */
  url: string | null;
  onUpload: (file: File) => Promise<void>;
  onRemove: () => Promise<void>;
  disabled?: boolean;
  /** "round" for profile photos. */
  shape?: "square" | "round";
  /** Photos taken by a phone: redrawn smaller first (lib/images), any image type accepted. */
  shrink?: boolean;
}

/** Picks, previews and sends one image (PNG, JPEG or WebP, 1 MB at most), or removes it. */
export function ImageUpload({
  label,
  url,
  onUpload,
  onRemove,
  disabled,
  shape = "square",
  shrink = false,
}: ImageUploadProps) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setProblem(null);
    try {
      await action();
    } catch (error) {
      setProblem(error instanceof Error ? error.message : t("error.unexpected"));
    } finally {
      setBusy(false);
    }
  }

  async function pick(picked: File | undefined) {
    if (!picked) return;
    const file = shrink ? await shrinkImage(picked) : picked;
    if (!ACCEPTED.includes(file.type)) return setProblem(t("image.badType"));
    if (file.size > MAX_BYTES) return setProblem(t("image.tooBig"));
    void run(() => onUpload(file));
  }

  return (
    <div className="grid gap-2">
      <span id={`${id}-label`} className="text-sm font-medium">
        {label}
      </span>
      <div className="flex items-center gap-4">
        <div
          className={cn(
            "flex size-16 items-center justify-center overflow-hidden border bg-muted",
            shape === "round" ? "rounded-full" : "rounded-lg",
          )}
        >
          {url ? (
            <img src={url} alt={label} className="size-full object-contain" />
          ) : (
            <ImageIcon aria-hidden="true" className="size-6 text-muted-foreground" />
          )}
        </div>
        <input
          ref={input}
          type="file"
          accept={shrink ? "image/*" : ACCEPTED.join(",")}
          className="sr-only"
          aria-labelledby={`${id}-label`}
          disabled={disabled || busy}
          onChange={(event) => {
            void pick(event.target.files?.[0]);
            event.target.value = "";
          }}
        />
        <Button
          type="button"
          variant="outline"
          size="sm"
          disabled={disabled || busy}
          onClick={() => input.current?.click()}
        >
          <UploadIcon aria-hidden="true" />
          {url ? t("image.replace") : t("image.choose")}
        </Button>
        {url ? (
          <Button
            type="button"
            variant="ghost"
            size="sm"
            disabled={disabled || busy}
            onClick={() => void run(onRemove)}
          >
            <Trash2Icon aria-hidden="true" />
            {t("image.remove")}
          </Button>
        ) : null}
      </div>
      <p className="text-xs text-muted-foreground">{t("image.help")}</p>
      {problem ? (
        <p role="alert" className="text-sm text-destructive">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
