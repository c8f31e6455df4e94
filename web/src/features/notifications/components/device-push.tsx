import { useEffect, useState } from "react";
import { toast } from "@/lib/toast";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { errorMessage } from "@/lib/errors";
import { useI18n } from "@/lib/i18n";
import { getPushKey, subscribeDevice, unsubscribeDevice } from "../api/notifications";

// Web Push on this device (docs/notifications.md): the service worker (public/sw.js) shows
// what the server pushes; the subscription goes to the server with its keys.

function supported(): boolean {
  return "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
  const raw = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  const out = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

async function currentSubscription(): Promise<PushSubscription | null> {
  const registration = await navigator.serviceWorker.getRegistration("/");
  return (await registration?.pushManager.getSubscription()) ?? null;
}

export function DevicePush() {
  const { t } = useI18n();
  // What the browser allows is known at once; whether this device is subscribed, a moment later.
  const [state, setState] = useState<"unknown" | "unsupported" | "denied" | "off" | "on">(() =>
    !supported() ? "unsupported" : Notification.permission === "denied" ? "denied" : "unknown",
  );
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!supported() || Notification.permission === "denied") return;
    void currentSubscription().then((s) => setState(s ? "on" : "off"));
  }, []);

  async function enable() {
    setBusy(true);
    try {
      const permission = await Notification.requestPermission();
      if (permission !== "granted") {
        setState(permission === "denied" ? "denied" : "off");
        return;
      }
      const registration = await navigator.serviceWorker.register("/sw.js", { scope: "/" });
      await navigator.serviceWorker.ready;
      const subscription = await registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: keyBytes(await getPushKey()),
      });
      await subscribeDevice(subscription.toJSON());
      setState("on");
      toast.success(t("notifications.device.enabled"));
    } catch (error) {
      toast.error(`${t("notifications.device.failed")} ${errorMessage(error, t)}`);
    } finally {
      setBusy(false);
    }
  }

  async function disable() {
    setBusy(true);
    try {
      const subscription = await currentSubscription();
      if (subscription) {
        await unsubscribeDevice(subscription.endpoint).catch(() => undefined);
        await subscription.unsubscribe();
      }
      setState("off");
      toast.success(t("notifications.device.disabled"));
    } catch (error) {
      toast.error(errorMessage(error, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>{t("notifications.device.title")}</h2>
        </CardTitle>
        <p className="text-sm text-muted-foreground">{t("notifications.device.help")}</p>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        {state === "unsupported" ? (
          <p>{t("notifications.device.unsupported")}</p>
        ) : state === "denied" ? (
          <p role="alert">{t("notifications.device.denied")}</p>
        ) : state === "on" ? (
          <div className="flex flex-wrap items-center gap-3">
            <p>{t("notifications.device.on")}</p>
            <Button variant="outline" disabled={busy} onClick={() => void disable()}>
              {t("notifications.device.disable")}
            </Button>
          </div>
        ) : (
          <Button
            className="justify-self-start"
            disabled={busy || state === "unknown"}
            onClick={() => void enable()}
          >
            {t("notifications.device.enable")}
          </Button>
        )}
      </CardContent>
    </Card>
  );
}
