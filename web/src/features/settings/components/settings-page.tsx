import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { RadioGroup, RadioGroupItem } from "@/components/ui/radio-group";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { PageError, PageLoading } from "@/components/layout/page-states";
import { AccountingTab } from "@/features/accounting/components/accounting-tab";
import { BookingSettingsTab } from "@/features/booking/components/booking-settings-tab";
import { useCan } from "@/features/auth/api/get-session";
import { useOrganization } from "@/features/organization/api/organization";
import { ApiTokensCard } from "@/features/organization/components/api-tokens-card";
import { OrganizationForm } from "@/features/organization/components/organization-form";
import { PaymentSettingsTab } from "@/features/payments/components/payment-settings-tab";
import { PlanningSettingsTab } from "@/features/planning/components/planning-settings";
import { WebhooksTab } from "@/features/webhooks/components/webhooks-tab";
import { errorMessage } from "@/lib/errors";
import { useI18n } from "@/lib/i18n";
import { useTheme, type ThemeChoice } from "@/lib/theme";

function OrganizationTab() {
  const { t } = useI18n();
  const organization = useOrganization();
  const canManage = useCan("organization.manage");
  if (organization.isPending) return <PageLoading />;
  if (organization.isError) {
    return (
      <PageError
        message={errorMessage(organization.error, t)}
        onRetry={() => void organization.refetch()}
      />
    );
  }
  return (
    <OrganizationForm
      key={organization.data.updated_at}
      organization={organization.data}
      readOnly={!canManage}
    />
  );
}

export function SettingsPage() {
  const { t, locale, setLocale } = useI18n();
  const canReadOrganization = useCan("organization.read");
  const canManageTokens = useCan("api_tokens.manage");
  const canManageOrganization = useCan("organization.manage");
  const canManageBookings = useCan("bookings.manage");
  const { choice, setChoice } = useTheme();
  return (
    <div className="mx-auto grid max-w-4xl gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">{t("settings.title")}</h1>
      <Tabs defaultValue={canReadOrganization ? "organization" : "appearance"}>
        <TabsList>
          {canReadOrganization ? (
            <TabsTrigger value="organization">{t("org.title")}</TabsTrigger>
          ) : null}
          {canManageOrganization ? (
            <TabsTrigger value="planning">{t("planningSettings.tab")}</TabsTrigger>
          ) : null}
          {canManageOrganization ? (
            <TabsTrigger value="payments">{t("payments.tab")}</TabsTrigger>
          ) : null}
          {canManageOrganization ? (
            <TabsTrigger value="accounting">{t("accounting.tab")}</TabsTrigger>
          ) : null}
          {canManageTokens ? (
            <TabsTrigger value="integrations">{t("tokens.tab")}</TabsTrigger>
          ) : null}
          {canManageBookings ? <TabsTrigger value="booking">{t("booking.tab")}</TabsTrigger> : null}
          {canManageOrganization ? (
            <TabsTrigger value="webhooks">{t("webhooks.tab")}</TabsTrigger>
          ) : null}
          <TabsTrigger value="appearance">{t("settings.appearance")}</TabsTrigger>
        </TabsList>
        {canReadOrganization ? (
          <TabsContent value="organization">
            <OrganizationTab />
          </TabsContent>
        ) : null}
        {canManageOrganization ? (
          <TabsContent value="planning">
            <PlanningSettingsTab />
          </TabsContent>
        ) : null}
        {canManageOrganization ? (
          <TabsContent value="payments">
            <PaymentSettingsTab />
          </TabsContent>
        ) : null}
        {canManageOrganization ? (
          <TabsContent value="accounting">
            <AccountingTab />
          </TabsContent>
        ) : null}
        {canManageTokens ? (
          <TabsContent value="integrations">
            <ApiTokensCard />
          </TabsContent>
        ) : null}
        {canManageBookings ? (
          <TabsContent value="booking">
            <BookingSettingsTab />
          </TabsContent>
        ) : null}
        {canManageOrganization ? (
          <TabsContent value="webhooks">
            <WebhooksTab />
          </TabsContent>
        ) : null}
        <TabsContent value="appearance">
          <Card>
            <CardHeader>
              <CardTitle>{t("settings.appearance")}</CardTitle>
              <CardDescription>{t("settings.appearanceHelp")}</CardDescription>
            </CardHeader>
            <CardContent className="grid gap-6">
              <fieldset className="grid gap-3">
                <legend className="mb-2 text-sm font-medium">{t("settings.theme")}</legend>
                <RadioGroup
                  value={choice}
                  onValueChange={(value) => setChoice(value as ThemeChoice)}
                  aria-label={t("settings.theme")}
                >
                  {(["light", "dark", "system"] as const).map((value) => (
                    <div key={value} className="flex items-center gap-2">
                      <RadioGroupItem value={value} id={`theme-${value}`} />
                      <Label htmlFor={`theme-${value}`}>{t(`theme.${value}`)}</Label>
                    </div>
                  ))}
                </RadioGroup>
              </fieldset>
              <div className="grid max-w-xs gap-2">
                <Label htmlFor="settings-language">{t("language.label")}</Label>
                <Select
                  value={locale}
                  onValueChange={(value) => setLocale(value === "en" ? "en" : "fr")}
                >
                  <SelectTrigger id="settings-language">
                    <SelectValue />
                  </SelectTrigger>
                  <SelectContent>
                    <SelectItem value="fr">{t("language.fr")}</SelectItem>
                    <SelectItem value="en">{t("language.en")}</SelectItem>
                  </SelectContent>
                </Select>
              </div>
            </CardContent>
          </Card>
        </TabsContent>
      </Tabs>
    </div>
  );
}

export default SettingsPage;
