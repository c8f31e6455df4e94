// Loaded only when the reports page shows a chart: recharts stays out of the first page's JS.
import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatMoney, type Locale } from "@/lib/format";

export interface MonthPoint {
  label: string;
  revenue: number; // cents
  collected: number;
  compared?: number;
}

function compactEuros(cents: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === "en" ? "en-GB" : "fr-FR", {
    style: "currency",
    currency: "EUR",
    notation: "compact",
    maximumSignificantDigits: 3,
  }).format(cents / 100);
}

const axis = { fill: "var(--muted-foreground)", fontSize: 12 };
const tooltipStyle = {
  background: "var(--popover)",
  border: "1px solid var(--border)",
  borderRadius: 8,
  color: "var(--popover-foreground)",
};

// The euro axis and tooltip both charts share (recharts wants its parts as direct children, so
// they are shared as props).
function moneyAxis(locale: Locale) {
  return {
    tick: axis,
    tickLine: false,
    axisLine: false,
    width: 64,
    tickFormatter: (v: number) => compactEuros(v, locale),
  };
}

function moneyTooltip(locale: Locale) {
  return {
    contentStyle: tooltipStyle,
    formatter: (value: unknown) => formatMoney(Number(value), locale),
    cursor: { fill: "var(--muted)" },
  };
}

export function MonthlyChart({
  points,
  locale,
  labels,
}: {
  points: MonthPoint[];
  locale: Locale;
  labels: { revenue: string; collected: string; compared: string | null };
}) {
  return (
    <ResponsiveContainer width="100%" height={280}>
      <ComposedChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
        <CartesianGrid stroke="var(--border)" vertical={false} />
        <XAxis dataKey="label" tick={axis} tickLine={false} axisLine={false} />
        <YAxis {...moneyAxis(locale)} />
        <Tooltip {...moneyTooltip(locale)} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {labels.compared ? (
          <Bar
            dataKey="compared"
            name={labels.compared}
            fill="var(--muted-foreground)"
            fillOpacity={0.35}
            radius={[3, 3, 0, 0]}
            isAnimationActive={false}
          />
        ) : null}
        <Bar
          dataKey="revenue"
          name={labels.revenue}
          fill="var(--primary)"
          radius={[3, 3, 0, 0]}
          isAnimationActive={false}
        />
        <Line
          dataKey="collected"
          name={labels.collected}
          stroke="var(--success)"
          strokeWidth={2}
          dot={{ r: 3 }}
          isAnimationActive={false}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}

export function AgeingChart({
  points,
  locale,
}: {
  points: { label: string; cents: number }[];
  locale: Locale;
}) {
  return (
    <ResponsiveContainer width="100%" height={200}>
      <BarChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
        <CartesianGrid stroke="var(--border)" vertical={false} />
        <XAxis dataKey="label" tick={axis} tickLine={false} axisLine={false} />
        <YAxis {...moneyAxis(locale)} />
        <Tooltip {...moneyTooltip(locale)} />
        <Bar
          dataKey="cents"
          fill="var(--warning)"
          radius={[3, 3, 0, 0]}
          isAnimationActive={false}
        />
      </BarChart>
    </ResponsiveContainer>
  );
}
