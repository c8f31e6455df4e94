import { EraserIcon, TypeIcon } from "lucide-react";
import { useEffect, useEffectEvent, useId, useRef, type Ref } from "react";
import SignaturePad from "signature_pad";
import { Button } from "@/components/ui/button";
import { useI18n } from "@/lib/i18n";
import { cn } from "@/lib/utils";

// Dark ink on white paper whatever the theme: the PNG goes into the signed PDF as drawn.
const INK = "#1e293b";
const PAPER = "#ffffff";

/** Writes `name` across the canvas in a handwriting-like font, sized to fit. */
function drawName(canvas: HTMLCanvasElement, name: string) {
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  const width = canvas.offsetWidth;
  const height = canvas.offsetHeight;
  let size = Math.round(height * 0.4);
  const font = (px: number) =>
    `italic ${px}px "Segoe Script", "Brush Script MT", "Snell Roundhand", cursive`;
  ctx.font = font(size);
  while (size > 12 && ctx.measureText(name).width > width * 0.9) {
    size -= 2;
    ctx.font = font(size);
  }
  ctx.fillStyle = INK;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  ctx.fillText(name, width / 2, height / 2);
}

interface SignaturePadFieldProps {
  /** The signature as a PNG data URL, "" while nothing is drawn. */
  value: string;
  onChange: (dataUrl: string) => void;
  /** The signer's typed name, for those who cannot draw (keyboard, screen reader). */
  typedName: string;
  error?: string;
  disabled?: boolean;
  /** Receives focus when the form reports an error on this field. */
  ref?: Ref<HTMLDivElement>;
}

/**
 * A drawing area for a hand-written signature (finger, stylus or mouse), with "Clear" and a
 * keyboard-friendly alternative that writes the typed name instead.
 */
export function SignaturePadField({
  value,
  onChange,
  typedName,
  error,
  disabled,
  ref,
}: SignaturePadFieldProps) {
  const { t } = useI18n();
  const id = useId();
  const labelId = `${id}-label`;
  const helpId = `${id}-help`;
  const stateId = `${id}-state`;
  const errorId = `${id}-error`;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePad | null>(null);
  // The name written with "Sign with my name", redrawn when the canvas is resized.
  const typedRef = useRef<string | null>(null);
  const emit = useEffectEvent((dataUrl: string) => onChange(dataUrl));

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const pad = new SignaturePad(canvas, { penColor: INK, backgroundColor: PAPER });
    padRef.current = pad;
    let width = 0;
    // Match the bitmap to the displayed size and pixel density, keeping what was drawn.
    const fit = () => {
      const cssWidth = canvas.offsetWidth;
      if (cssWidth === 0 || cssWidth === width) return;
      width = cssWidth;
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      const strokes = pad.toData();
      canvas.width = cssWidth * ratio;
      canvas.height = canvas.offsetHeight * ratio;
      canvas.getContext("2d")?.scale(ratio, ratio);
      pad.clear();
      if (typedRef.current) drawName(canvas, typedRef.current);
      pad.fromData(strokes, { clear: false });
      if (typedRef.current || strokes.length > 0) emit(pad.toDataURL("image/png"));
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(canvas);
    const onEnd = () => emit(pad.toDataURL("image/png"));
    pad.addEventListener("endStroke", onEnd);
    return () => {
      observer.disconnect();
      pad.removeEventListener("endStroke", onEnd);
      pad.off();
      padRef.current = null;
    };
  }, []);

  useEffect(() => {
    const pad = padRef.current;
    if (!pad) return;
    if (disabled) pad.off();
    else pad.on();
  }, [disabled]);

  const clear = () => {
    typedRef.current = null;
    padRef.current?.clear();
    onChange("");
  };

  const name = typedName.trim();
  const signWithName = () => {
    const canvas = canvasRef.current;
    const pad = padRef.current;
    if (!canvas || !pad || !name) return;
    typedRef.current = name;
    pad.clear();
    drawName(canvas, name);
    onChange(pad.toDataURL("image/png"));
  };

  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="group"
      aria-labelledby={labelId}
      aria-describedby={error ? `${helpId} ${errorId}` : helpId}
      className="grid gap-1.5 outline-none"
    >
      <p id={labelId} className="text-sm leading-none font-medium">
        {t("publicQuote.signatureLabel")}
        <span aria-hidden="true" className="text-destructive">
          {" "}
          *
        </span>
      </p>
      <p id={helpId} className="text-xs text-muted-foreground">
        {t("publicQuote.signatureHelp")}
      </p>
      <canvas
        ref={canvasRef}
        role="img"
        aria-label={t("publicQuote.signatureCanvas")}
        aria-describedby={stateId}
        data-testid="signature-pad"
        className={cn(
          "h-44 w-full cursor-crosshair touch-none rounded-md border-2 border-dashed border-input bg-white",
          error && "border-destructive",
          disabled && "cursor-not-allowed opacity-60",
        )}
      >
        {t("publicQuote.signatureFallback")}
      </canvas>
      <p id={stateId} className="sr-only" aria-live="polite">
        {value ? t("publicQuote.signatureDrawn") : t("publicQuote.signatureEmpty")}
      </p>
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="outline" size="sm" onClick={clear} disabled={disabled}>
          <EraserIcon aria-hidden="true" />
          {t("publicQuote.signatureClear")}
        </Button>
        <Button
          type="button"
          variant="ghost"
          size="sm"
          onClick={signWithName}
          disabled={disabled || !name}
        >
          <TypeIcon aria-hidden="true" />
          {t("publicQuote.signatureUseName")}
        </Button>
      </div>
      {error ? (
        <p id={errorId} role="alert" className="text-xs font-medium text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}
