import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";
import { formatMoney } from "@/lib/format";
import { I18nProvider } from "@/lib/i18n";
import { Button } from "../button";
import { DataTable, type DataTableColumn, type DataTableProps } from "../data-table";

interface Client {
  id: string;
  name: string;
  city: string;
  revenueCents: number;
}

const CLIENTS: Client[] = [
  { id: "c1", name: "Sono Pro", city: "Lyon", revenueCents: 900_00 },
  { id: "c2", name: "Atelier Lumière", city: "Paris", revenueCents: 12_500_00 },
  { id: "c3", name: "Éclats d'Or", city: "Nantes", revenueCents: 3_000_00 },
  { id: "c4", name: "Banquets du Sud", city: "Marseille", revenueCents: 45_00 },
  { id: "c5", name: "Zénith Events", city: "Lille", revenueCents: 100_000_00 },
  { id: "c6", name: "Chapiteaux Martin", city: "Rennes", revenueCents: 7_250_00 },
  { id: "c7", name: "DJ Max", city: "Nice", revenueCents: 1_000_00 },
];

const COLUMNS: DataTableColumn<Client>[] = [
  { id: "name", header: "Client", cell: (c) => c.name, sortValue: (c) => c.name },
  { id: "city", header: "Ville", cell: (c) => c.city },
  {
    id: "revenue",
    header: "Chiffre d'affaires",
    cell: (c) => formatMoney(c.revenueCents),
    sortValue: (c) => c.revenueCents,
    align: "right",
  },
];

function renderTable(props: Partial<DataTableProps<Client>> = {}) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <I18nProvider locale="fr">{children}</I18nProvider>
  );
  return render(
    <DataTable
      caption="Clients"
      columns={COLUMNS}
      rows={CLIENTS}
      getRowId={(c) => c.id}
      empty={<p>Aucun client pour l'instant.</p>}
      {...props}
    />,
    { wrapper },
  );
}

/** The text of the first cell of each body row. */
function firstColumn(): string[] {
  const table = screen.getByRole("table", { name: "Clients" });
  const [, ...bodyRows] = within(table).getAllByRole("row");
  return bodyRows.map((row) => within(row).getAllByRole("cell")[0]!.textContent ?? "");
}

const header = (name: string) => screen.getByRole("columnheader", { name });

describe("DataTable", () => {
  it("renders a captioned table with its rows in the given order", () => {
    renderTable();
    expect(screen.getByRole("table", { name: "Clients" })).toBeInTheDocument();
    expect(firstColumn()).toEqual(CLIENTS.map((c) => c.name));
    expect(header("Client")).not.toHaveAttribute("aria-sort");
    // Not sortable: no button in the header.
    expect(within(header("Ville")).queryByRole("button")).toBeNull();
  });

  it("sorts text ascending then descending, with aria-sort on the header", async () => {
    const user = userEvent.setup();
    renderTable();
    await user.click(screen.getByRole("button", { name: "Client" }));
    expect(header("Client")).toHaveAttribute("aria-sort", "ascending");
    // French collation: "Éclats" sorts with the E's, not after Z.
    expect(firstColumn()).toEqual([
      "Atelier Lumière",
      "Banquets du Sud",
      "Chapiteaux Martin",
      "DJ Max",
      "Éclats d'Or",
      "Sono Pro",
      "Zénith Events",
    ]);
    await user.click(screen.getByRole("button", { name: "Client" }));
    expect(header("Client")).toHaveAttribute("aria-sort", "descending");
    expect(firstColumn()[0]).toBe("Zénith Events");
    expect(firstColumn()[6]).toBe("Atelier Lumière");
  });

  it("sorts numbers as numbers, from the keyboard, one column at a time", async () => {
    const user = userEvent.setup();
    renderTable();
    await user.click(screen.getByRole("button", { name: "Client" }));
    screen.getByRole("button", { name: "Chiffre d'affaires" }).focus();
    await user.keyboard("{Enter}");
    expect(header("Chiffre d'affaires")).toHaveAttribute("aria-sort", "ascending");
    expect(header("Client")).not.toHaveAttribute("aria-sort");
    expect(firstColumn()).toEqual([
      "Banquets du Sud",
      "Sono Pro",
      "DJ Max",
      "Éclats d'Or",
      "Chapiteaux Martin",
      "Atelier Lumière",
      "Zénith Events",
    ]);
    await user.keyboard(" ");
    expect(header("Chiffre d'affaires")).toHaveAttribute("aria-sort", "descending");
    expect(firstColumn()[0]).toBe("Zénith Events");
  });

  it("paginates with previous and next buttons", async () => {
    const user = userEvent.setup();
    renderTable({ pageSize: 3 });
    const nav = screen.getByRole("navigation", { name: "Pagination" });
    const previous = within(nav).getByRole("button", { name: "Page précédente" });
    const next = within(nav).getByRole("button", { name: "Page suivante" });
    expect(nav).toHaveTextContent("Page 1 sur 3");
    expect(nav).toHaveTextContent("1–3 sur 7");
    expect(firstColumn()).toEqual(["Sono Pro", "Atelier Lumière", "Éclats d'Or"]);
    expect(previous).toHaveAttribute("aria-disabled", "true");

    await user.click(next);
    expect(nav).toHaveTextContent("Page 2 sur 3");
    expect(firstColumn()).toEqual(["Banquets du Sud", "Zénith Events", "Chapiteaux Martin"]);
    expect(previous).not.toHaveAttribute("aria-disabled");

    await user.click(next);
    expect(nav).toHaveTextContent("Page 3 sur 3");
    expect(nav).toHaveTextContent("7–7 sur 7");
    expect(firstColumn()).toEqual(["DJ Max"]);
    expect(next).toHaveAttribute("aria-disabled", "true");
    await user.click(next);
    expect(nav).toHaveTextContent("Page 3 sur 3");
    expect(next).toHaveFocus();

    await user.click(previous);
    expect(nav).toHaveTextContent("Page 2 sur 3");
  });

  it("goes back to the first page when the sort changes", async () => {
    const user = userEvent.setup();
    renderTable({ pageSize: 3 });
    await user.click(screen.getByRole("button", { name: "Page suivante" }));
    await user.click(screen.getByRole("button", { name: "Client" }));
    expect(screen.getByRole("navigation")).toHaveTextContent("Page 1 sur 3");
    expect(firstColumn()[0]).toBe("Atelier Lumière");
  });

  it("has no pagination when everything fits on one page", () => {
    renderTable({ pageSize: 10 });
    expect(screen.queryByRole("navigation")).toBeNull();
  });

  it("adds a row actions column", async () => {
    const user = userEvent.setup();
    const onEdit = vi.fn();
    renderTable({
      rowActions: (c) => (
        <Button variant="ghost" size="sm" onClick={() => onEdit(c.id)}>
          Modifier {c.name}
        </Button>
      ),
    });
    expect(screen.getByRole("columnheader", { name: "Actions" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Modifier DJ Max" }));
    expect(onEdit).toHaveBeenCalledExactlyOnceWith("c7");
  });

  it("shows the empty state when there are no rows", () => {
    renderTable({ rows: [] });
    expect(screen.getByText("Aucun client pour l'instant.")).toBeInTheDocument();
    expect(screen.queryByRole("table")).toBeNull();
  });

  it("shows skeleton rows while loading, announced, without data", () => {
    renderTable({ rows: undefined, loading: true, pageSize: 3 });
    const table = screen.getByRole("table", { name: "Clients" });
    expect(table).toHaveAttribute("aria-busy", "true");
    expect(screen.getByRole("status")).toHaveTextContent("Chargement…");
    expect(within(table).getAllByRole("row")).toHaveLength(1 + 3);
    expect(screen.queryByText("Sono Pro")).toBeNull();
    expect(screen.queryByText("Aucun client pour l'instant.")).toBeNull();
    expect(screen.queryByRole("navigation")).toBeNull();
  });

  it("shows an error with a retry button instead of the rows", async () => {
    const user = userEvent.setup();
    const onRetry = vi.fn();
    renderTable({ rows: undefined, error: "Le serveur ne répond pas.", onRetry });
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent("Une erreur est survenue");
    expect(alert).toHaveTextContent("Le serveur ne répond pas.");
    expect(screen.queryByRole("table")).toBeNull();
    await user.click(within(alert).getByRole("button", { name: "Réessayer" }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });
});
