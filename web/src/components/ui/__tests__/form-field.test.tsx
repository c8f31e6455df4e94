import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { FormField } from "../form-field";
import { Input } from "../input";

describe("FormField", () => {
  it("labels the control and links help and error to it", () => {
    render(
      <FormField
        label="Adresse e-mail"
        help="Nous n'envoyons pas de publicité."
        error="Adresse e-mail invalide."
        required
      >
        <Input />
      </FormField>,
    );
    const input = screen.getByLabelText(/Adresse e-mail/);
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(input).toHaveAttribute("aria-required", "true");
    expect(input).toHaveAccessibleDescription(
      "Nous n'envoyons pas de publicité. Adresse e-mail invalide.",
    );
    expect(screen.getByRole("alert")).toHaveTextContent("Adresse e-mail invalide.");
  });

  it("marks nothing invalid without an error", () => {
    render(
      <FormField label="Nom">
        <Input />
      </FormField>,
    );
    expect(screen.getByLabelText("Nom")).not.toHaveAttribute("aria-invalid");
    expect(screen.queryByRole("alert")).toBeNull();
  });
});
