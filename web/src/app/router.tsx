import { createBrowserRouter } from "react-router";
import { AppShell } from "@/components/layout/app-shell";
import { PageLoading } from "@/components/layout/page-states";
import { AuthGate } from "./auth-gate";
import { SetupGate } from "./setup-gate";

// Pages load lazily: the first screen ships only the shell and the page it shows.
export const router = createBrowserRouter([
  {
    path: "/bienvenue",
    lazy: async () => ({
      Component: (await import("@/features/setup/components/setup-page")).SetupPage,
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
                path: "equipe",
                lazy: async () => ({
                  Component: (await import("@/features/members/components/members-page")).default,
                }),
              },
              {
                path: "journal",
                lazy: async () => ({
                  Component: (await import("@/features/audit/components/audit-page")).default,
                }),
              },
              {
                path: "profil",
                lazy: async () => ({
                  Component: (await import("@/features/account/components/profile-page")).default,
                }),
              },
              {
                path: "parametres",
                lazy: async () => ({
                  Component: (await import("@/features/settings/components/settings-page")).default,
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
]);
