import type { DecodeHintType } from "@zxing/library";
import { CameraIcon, CameraOffIcon } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { useI18n } from "@/lib/i18n";

type Decode = (frame: ImageData) => string | null;

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorClass = new (options: { formats: string[] }) => BarcodeDetectorLike;

/** The browser's own detector where it has one (Android, macOS), else ZXing in JavaScript. */
async function makeDecoder(): Promise<(canvas: HTMLCanvasElement) => Promise<string | null>> {
  const Native = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (Native) {
    const detector = new Native({ formats: ["qr_code", "ean_13", "ean_8", "code_128", "code_39"] });
    return async (canvas) => (await detector.detect(canvas))[0]?.rawValue ?? null;
  }
  const zxing = await import("@zxing/library");
  const reader = new zxing.MultiFormatReader();
  const hints = new Map<DecodeHintType, unknown>();
  hints.set(zxing.DecodeHintType.POSSIBLE_FORMATS, [
    zxing.BarcodeFormat.QR_CODE,
    zxing.BarcodeFormat.EAN_13,
    zxing.BarcodeFormat.EAN_8,
    zxing.BarcodeFormat.CODE_128,
    zxing.BarcodeFormat.CODE_39,
  ]);
  reader.setHints(hints);
  const decode: Decode = (frame) => {
    const luminance = new Uint8ClampedArray(frame.width * frame.height);
    const rgba = frame.data;
    for (let i = 0, p = 0; i < luminance.length; i += 1, p += 4) {
      luminance[i] = (rgba[p]! * 299 + rgba[p + 1]! * 587 + rgba[p + 2]! * 114) / 1000;
    }
    const source = new zxing.RGBLuminanceSource(luminance, frame.width, frame.height);
    try {
      return reader.decode(new zxing.BinaryBitmap(new zxing.HybridBinarizer(source))).getText();
    } catch {
      return null; // nothing readable in this frame
    } finally {
      reader.reset();
    }
  };
  return (canvas) => {
    const context = canvas.getContext("2d", { willReadFrequently: true });
    if (!context) return Promise.resolve(null);
    return Promise.resolve(decode(context.getImageData(0, 0, canvas.width, canvas.height)));
  };
}

/**
 * The phone's back camera, read a few times a second until a code shows; the same code is
 * reported once, not on every frame that sees it.
 */
export function CameraScanner({ onCode }: { onCode: (code: string) => void }) {
  const { t } = useI18n();
  const [on, setOn] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  const report = useRef(onCode);
  useEffect(() => {
    report.current = onCode;
  });

  useEffect(() => {
    if (!on) return;
    let stopped = false;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = "";
    const canvas = document.createElement("canvas");
    void (async () => {
      try {
        if (!navigator.mediaDevices?.getUserMedia) throw new Error("unsupported");
        stream = await navigator.mediaDevices.getUserMedia({
          video: { facingMode: "environment" },
          audio: false,
        });
        if (stopped || !video.current) return;
        video.current.srcObject = stream;
        await video.current.play();
        const decode = await makeDecoder();
        const tick = async () => {
          if (stopped) return;
          const v = video.current;
          if (v && v.videoWidth > 0) {
            const scale = Math.min(1, 960 / v.videoWidth);
            canvas.width = Math.round(v.videoWidth * scale);
            canvas.height = Math.round(v.videoHeight * scale);
            canvas.getContext("2d")?.drawImage(v, 0, 0, canvas.width, canvas.height);
            const code = await decode(canvas);
            if (code && code !== last) {
              last = code;
              report.current(code);
            }
          }
          timer = setTimeout(() => void tick(), 150);
        };
        void tick();
      } catch (e) {
        setError(
          e instanceof DOMException && e.name === "NotAllowedError"
            ? t("scanner.cameraDenied")
            : t("scanner.cameraUnavailable"),
        );
        setOn(false);
      }
    })();
    return () => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [on, t]);

  return (
    <div className="grid gap-2">
      <Button
        type="button"
        variant={on ? "secondary" : "outline"}
        onClick={() => {
          setError(null);
          setOn(!on);
        }}
      >
        {on ? <CameraOffIcon aria-hidden="true" /> : <CameraIcon aria-hidden="true" />}
        {on ? t("scanner.cameraStop") : t("scanner.cameraStart")}
      </Button>
      {on ? (
        <video
          ref={video}
          muted
          playsInline
          aria-label={t("scanner.cameraView")}
          data-testid="camera-view"
          className="aspect-video w-full rounded-md bg-black object-cover"
        />
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}
