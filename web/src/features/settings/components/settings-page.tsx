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
import { useI18n } from "@/lib/i18n";
import { useTheme, type ThemeChoice } from "@/lib/theme";

export function SettingsPage() {
  const { t, locale, setLocale } = useI18n();
  const { choice, setChoice } = useTheme();
  return (
    <div className="mx-auto grid max-w-3xl gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">{t("settings.title")}</h1>
      <Tabs defaultValue="appearance">
        <TabsList>
          <TabsTrigger value="appearance">{t("settings.appearance")}</TabsTrigger>
        </TabsList>
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
