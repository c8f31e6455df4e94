import { Toaster as Sonner, type ToasterProps } from "sonner";

/** Toasts: bottom-right on desktop, readable in both themes. Use `toast` from "@/lib/toast". */
export function Toaster({ theme, ...props }: ToasterProps) {
  return (
    <Sonner
      theme={theme}
      position="bottom-right"
      richColors
      closeButton
      toastOptions={{ classNames: { toast: "font-sans" } }}
      {...props}
    />
  );
}
