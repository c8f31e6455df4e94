import { createBrowserRouter, type RouteObject } from "react-router";
import { AppShell } from "@/components/layout/app-shell";
import { ConsentRoot } from "@/features/consent/components/consent-provider";
import { PageLoading } from "@/components/layout/page-states";
import type { ComponentType } from "react";
import type { Permission } from "@/features/auth/types";
import { loadFrenchPages } from "@/lib/i18n";
import { AuthGate } from "./auth-gate";
import { RequirePermission } from "./require-permission";
import { SetupGate } from "./setup-gate";

/** A lazy page shown only to roles holding `permission`. */
async function guarded(
  permission: Permission | readonly Permission[],
  page: Promise<{ default: ComponentType }>,
): Promise<{ Component: ComponentType }> {
  const Page = (await page).default;
  return {
    Component: () => (
      <RequirePermission permission={permission}>
        <Page />
      </RequirePermission>
    ),
  };
}

/**
 * Every lazy page but the dashboard (the first screen) loads with the French catalogue of the
 * pages (fr-pages.ts), so the entry chunk carries only the first screen's words.
 */
function withPagesCatalogue(routes: RouteObject[]): RouteObject[] {
  return routes.map((route) => {
    const next = { ...route } as RouteObject;
    if (route.children)
      (next as { children?: RouteObject[] }).children = withPagesCatalogue(route.children);
    const lazy = route.lazy;
    if (typeof lazy === "function" && !route.index) {
      next.lazy = (async () => {
        const [loaded] = await Promise.all([lazy(), loadFrenchPages()]);
        return loaded;
      }) as typeof lazy;
    }
    return next;
  });
}

// Pages load lazily: the first screen ships only the shell and the page it shows. Every page,
// public ones included, sits under ConsentRoot: no tracker without the visitor's consent.
export const router = createBrowserRouter(
  withPagesCatalogue([
    {
      element: <ConsentRoot />,
      HydrateFallback: PageLoading,
      children: [
        {
          // What is collected and the choices about trackers: public, no setup check.
          path: "/confidentialite",
          lazy: async () => ({
            Component: (await import("@/features/consent/components/privacy-page")).default,
          }),
          HydrateFallback: PageLoading,
        },
        {
          path: "/bienvenue",
          lazy: async () => ({
            Component: (await import("@/features/setup/components/setup-page")).SetupPage,
          }),
          HydrateFallback: PageLoading,
        },
        {
          // The client's quote page: reached from an e-mail, no session and no setup check.
          path: "/p/devis/:token",
          lazy: async () => ({
            Component: (await import("@/features/public-quote/components/public-quote-page"))
              .PublicQuotePage,
          }),
          HydrateFallback: PageLoading,
        },
        {
          // The client's invoice page (PDF, payments, "Payer en ligne"): reached from an e-mail.
          path: "/p/facture/:token",
          lazy: async () => ({
            Component: (await import("@/features/public-payment/components/public-invoice-page"))
              .PublicInvoicePage,
          }),
          HydrateFallback: PageLoading,
        },
        {
          // Where Stripe sends the client back: Planify's record of the payment, nothing more.
          path: "/paiement/retour/:token",
          lazy: async () => ({
            Component: (await import("@/features/public-payment/components/checkout-return-page"))
              .CheckoutReturnPage,
          }),
          HydrateFallback: PageLoading,
        },
        {
          // A depot's wall display: opened on a warehouse screen with its revocable link, no session.
          path: "/affichage/:token",
          lazy: async () => ({
            Component: (await import("@/features/equipment/components/depot-display-page")).default,
          }),
          HydrateFallback: PageLoading,
        },
        {
          element: <SetupGate />,
          HydrateFallback: PageLoading,
          children: [
            {
              path: "/connexion",
              lazy: async () => ({
                Component: (await import("@/features/auth/components/sign-in-page")).SignInPage,
              }),
            },
            {
              path: "/connexion/lien",
              lazy: async () => ({
                Component: (await import("@/features/auth/components/magic-link-page"))
                  .MagicLinkPage,
              }),
            },
            {
              path: "/mot-de-passe/oublie",
              lazy: async () => ({
                Component: (await import("@/features/auth/components/forgot-password-page"))
                  .ForgotPasswordPage,
              }),
            },
            {
              path: "/mot-de-passe/nouveau",
              lazy: async () => ({
                Component: (await import("@/features/auth/components/reset-password-page"))
                  .ResetPasswordPage,
              }),
            },
            {
              path: "/invitation",
              lazy: async () => ({
                Component: (await import("@/features/auth/components/invitation-page"))
                  .InvitationPage,
              }),
            },
            {
              element: <AuthGate />,
              children: [
                {
                  element: <AppShell />,
                  children: [
                    {
                      index: true,
                      lazy: async () => ({
                        Component: (await import("@/features/dashboard/components/dashboard-page"))
                          .default,
                      }),
                    },
                    {
                      path: "recherche",
                      lazy: async () => ({
                        Component: (await import("@/features/search/components/search-page"))
                          .default,
                      }),
                    },
                    {
                      path: "mes-missions",
                      lazy: async () => ({
                        Component: (await import("@/features/planning/components/my-missions-page"))
                          .default,
                      }),
                    },
                    {
                      path: "notifications",
                      lazy: async () => ({
                        Component: (
                          await import("@/features/notifications/components/notifications-page")
                        ).default,
                      }),
                    },
                    {
                      path: "clients",
                      lazy: async () =>
                        guarded(
                          "clients.read",
                          import("@/features/clients/components/clients-page"),
                        ),
                    },
                    {
                      path: "clients/:id",
                      lazy: async () =>
                        guarded(
                          "clients.read",
                          import("@/features/clients/components/client-page"),
                        ),
                    },
                    {
                      path: "planning",
                      lazy: async () =>
                        guarded(
                          ["missions.read_all", "missions.read_own"],
                          import("@/features/planning/components/calendar-page"),
                        ),
                    },
                    {
                      path: "missions",
                      lazy: async () =>
                        guarded(
                          ["missions.read_all", "missions.read_own"],
                          import("@/features/planning/components/missions-page"),
                        ),
                    },
                    {
                      path: "missions/:id",
                      lazy: async () =>
                        guarded(
                          ["missions.read_all", "missions.read_own"],
                          import("@/features/planning/components/mission-page"),
                        ),
                    },
                    {
                      path: "materiel",
                      lazy: async () =>
                        guarded(
                          "equipment.read",
                          import("@/features/equipment/components/equipment-page"),
                        ),
                    },
                    {
                      path: "materiel/:id",
                      lazy: async () =>
                        guarded(
                          "equipment.read",
                          import("@/features/equipment/components/item-page"),
                        ),
                    },
                    {
                      path: "scanner",
                      lazy: async () =>
                        guarded(
                          "equipment.read",
                          import("@/features/equipment/components/scanner-page"),
                        ),
                    },
                    {
                      path: "scanner/materiel/:id",
                      lazy: async () =>
                        guarded(
                          "equipment.read",
                          import("@/features/equipment/components/scan-item-page"),
                        ),
                    },
                    {
                      // A kit's or a unit's label opened by a phone's camera app: the scanner resolves it.
                      path: "scanner/kit/:id",
                      lazy: async () =>
                        guarded(
                          "equipment.read",
                          import("@/features/equipment/components/scanner-page").then((m) => ({
                            default: m.LabelRedirect,
                          })),
                        ),
                    },
                    {
                      path: "scanner/unite/:id",
                      lazy: async () =>
                        guarded(
                          "equipment.read",
                          import("@/features/equipment/components/scanner-page").then((m) => ({
                            default: m.LabelRedirect,
                          })),
                        ),
                    },
                    {
                      path: "scanner/mission/:id",
                      lazy: async () =>
                        guarded(
                          "equipment.move",
                          import("@/features/equipment/components/batch-page"),
                        ),
                    },
                    {
                      path: "demandes",
                      lazy: async () =>
                        guarded(
                          "bookings.manage",
                          import("@/features/booking/components/booking-requests-page"),
                        ),
                    },
                    {
                      path: "propositions",
                      lazy: async () =>
                        guarded(
                          ["missions.read_all", "missions.read_own"],
                          import("@/features/booking/components/booking-proposals-page"),
                        ),
                    },
                    {
                      path: "demandes/:id",
                      lazy: async () =>
                        guarded(
                          "bookings.manage",
                          import("@/features/booking/components/booking-request-page"),
                        ),
                    },
                    {
                      path: "devis",
                      lazy: async () =>
                        guarded(
                          "quotes.manage",
                          import("@/features/documents/components/quotes-page"),
                        ),
                    },
                    {
                      path: "devis/nouveau",
                      lazy: async () =>
                        guarded(
                          "quotes.manage",
                          import("@/features/documents/components/document-editor").then((m) => ({
                            default: m.NewQuotePage,
                          })),
                        ),
                    },
                    {
                      path: "devis/:id",
                      lazy: async () =>
                        guarded(
                          "quotes.manage",
                          import("@/features/documents/components/quote-page"),
                        ),
                    },
                    {
                      path: "devis/:id/modifier",
                      lazy: async () =>
                        guarded(
                          "quotes.manage",
                          import("@/features/documents/components/document-editor").then((m) => ({
                            default: m.EditQuotePage,
                          })),
                        ),
                    },
                    {
                      path: "factures",
                      lazy: async () =>
                        guarded(
                          "invoices.manage",
                          import("@/features/documents/components/invoices-page"),
                        ),
                    },
                    {
                      path: "paiements",
                      lazy: async () =>
                        guarded(
                          "payments.record",
                          import("@/features/documents/components/payments-page"),
                        ),
                    },
                    {
                      path: "rapports",
                      lazy: async () =>
                        guarded(
                          "reports.read",
                          import("@/features/reports/components/reports-page"),
                        ),
                    },
                    {
                      path: "exports",
                      lazy: async () =>
                        guarded(
                          "exports.run",
                          import("@/features/exports/components/exports-page"),
                        ),
                    },
                    {
                      path: "factures/nouvelle",
                      lazy: async () =>
                        guarded(
                          "invoices.manage",
                          import("@/features/documents/components/document-editor").then((m) => ({
                            default: m.NewInvoicePage,
                          })),
                        ),
                    },
                    {
                      path: "factures/:id",
                      lazy: async () =>
                        guarded(
                          "invoices.manage",
                          import("@/features/documents/components/invoice-page"),
                        ),
                    },
                    {
                      path: "factures/:id/modifier",
                      lazy: async () =>
                        guarded(
                          "invoices.manage",
                          import("@/features/documents/components/document-editor").then((m) => ({
                            default: m.EditInvoicePage,
                          })),
                        ),
                    },
                    {
                      path: "catalogue",
                      lazy: async () =>
                        guarded(
                          "quotes.manage",
                          import("@/features/catalogue/components/catalogue-page"),
                        ),
                    },
                    {
                      path: "lieux",
                      lazy: async () =>
                        guarded(
                          ["missions.read_all", "equipment.read"],
                          import("@/features/places/components/places-page"),
                        ),
                    },
                    {
                      path: "equipe",
                      lazy: async () =>
                        guarded(
                          "members.read",
                          import("@/features/members/components/members-page"),
                        ),
                    },
                    {
                      path: "journal",
                      lazy: async () =>
                        guarded("audit.read", import("@/features/audit/components/audit-page")),
                    },
                    {
                      path: "administration",
                      lazy: async () =>
                        guarded("emails.read", import("@/features/admin/components/admin-page")),
                    },
                    {
                      path: "profil",
                      lazy: async () => ({
                        Component: (await import("@/features/account/components/profile-page"))
                          .default,
                      }),
                    },
                    {
                      path: "parametres",
                      lazy: async () => ({
                        Component: (await import("@/features/settings/components/settings-page"))
                          .default,
                      }),
                    },
                    {
                      path: "*",
                      lazy: async () => ({ Component: (await import("./not-found")).default }),
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    },
  ]),
);
