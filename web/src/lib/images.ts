const ACCEPTED = ["image/png", "image/jpeg", "image/webp"];

/**
 * A phone's photo made small enough to send: a PNG, JPEG or WebP of 1 MB at most goes as it is;
 * anything larger (or another type the browser can draw) is redrawn as a JPEG of at most
 * `maxSide` pixels. The original comes back when the browser cannot draw it.
 */
export async function shrinkImage(file: File, maxSide = 1600, maxBytes = 1024 * 1024) {
  if (ACCEPTED.includes(file.type) && file.size <= maxBytes) return file;
  if (typeof createImageBitmap !== "function") return file;
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement("canvas");
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    canvas.getContext("2d")?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) =>
      canvas.toBlob(resolve, "image/jpeg", 0.85),
    );
    if (!blob) return file;
    return new File([blob], `${file.name.replace(/\.[^.]*$/, "") || "photo"}.jpg`, {
      type: "image/jpeg",
    });
  } catch {
    return file;
  }
}
