import type { ReactNode } from "react";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { SiteFooter } from "@/features/consent/components/site-footer";

/** The centred card every signed-out page uses (sign-in, links, invitation). */
export function AuthCard({
  title,
  description,
  children,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
}) {
  return (
    <main
      id="main"
      className="flex min-h-dvh flex-col items-center justify-center gap-2 bg-muted/40 p-4"
    >
      <Card className="w-full max-w-sm">
        <CardHeader>
          <div
            className="mb-2 flex size-10 items-center justify-center rounded-lg bg-primary text-lg font-bold text-primary-foreground"
            aria-hidden="true"
          >
            P
          </div>
          <h1 className="text-xl leading-tight font-semibold">{title}</h1>
          {description ? <CardDescription>{description}</CardDescription> : null}
        </CardHeader>
        <CardContent>{children}</CardContent>
      </Card>
      <SiteFooter />
    </main>
  );
}

export function FormAlert({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-md bg-destructive/10 p-3 text-sm text-destructive">
      {message}
    </p>
  );
}

export function FormNotice({ message }: { message: string }) {
  return (
    <p role="status" className="rounded-md bg-success/10 p-3 text-sm text-success">
      {message}
    </p>
  );
}
