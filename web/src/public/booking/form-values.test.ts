import { describe, expect, it } from "vitest";

import { translator } from "../i18n";
import {
  emptyValues,
  endsNextDay,
  isPhoneText,
  nextDay,
  parseEurosToCents,
  requestBody,
  validate,
} from "./form-values";

describe("booking form values", () => {
  it("reads euros as integer cents without floating point", () => {
    expect(parseEurosToCents("1500")).toBe(150000);
    expect(parseEurosToCents("1 500,50")).toBe(150050);
    expect(parseEurosToCents("1\u202f500,5 €")).toBe(150050);
    expect(parseEurosToCents("0,07")).toBe(7);
    expect(parseEurosToCents("")).toBeNull();
    expect(parseEurosToCents("12,345")).toBe("invalid");
    expect(parseEurosToCents("-5")).toBe("invalid");
    expect(parseEurosToCents("beaucoup")).toBe("invalid");
  });

  it("moves the end to the next day when it is not after the start", () => {
    expect(endsNextDay("19:00", "02:00")).toBe(true);
    expect(endsNextDay("19:00", "19:00")).toBe(true);
    expect(endsNextDay("19:00", "23:30")).toBe(false);
    expect(nextDay("2027-06-12")).toBe("2027-06-13");
    expect(nextDay("2027-12-31")).toBe("2028-01-01");
    expect(nextDay("2028-02-28")).toBe("2028-02-29");
    const values = { ...emptyValues(), date: "2027-06-12", start_time: "19:00", end_time: "02:00" };
    expect(requestBody(values, "tok", "fr").end_date).toBe("2027-06-13");
    expect(requestBody({ ...values, end_time: "23:00" }, "tok", "fr").end_date).toBe("2027-06-12");
  });

  it("accepts French and international phones as typed", () => {
    expect(isPhoneText("06 12 34 56 78")).toBe(true);
    expect(isPhoneText("+44 20 7946 0958")).toBe(true);
    expect(isPhoneText("+1 (415) 555-2671")).toBe(true);
    expect(isPhoneText("06 12")).toBe(false);
    expect(isPhoneText("appelez-moi")).toBe(false);
  });

  it("names every missing or bad field in the visitor's language", () => {
    const fr = validate(
      { ...emptyValues(), email: "x@", guests: "0", budget: "abc" },
      translator("fr"),
    );
    expect(Object.keys(fr).sort()).toEqual(
      [
        "budget_cents",
        "consent",
        "date",
        "email",
        "end_time",
        "event_type",
        "guests",
        "name",
        "phone",
        "place",
        "start_time",
      ].sort(),
    );
    expect(fr.email).toBe("Cette adresse e-mail n'est pas valide.");
    const en = validate({ ...emptyValues(), message: "x".repeat(2001) }, translator("en"));
    expect(en.message).toBe("At most 2000 characters.");
    expect(en.name).toBe("This field is required.");
  });

  it("sends the honeypot, the token and the budget in cents", () => {
    const body = requestBody(
      { ...emptyValues(), budget: "1 200", guests: "80", website: "" },
      "sealed",
      "en",
    );
    expect(body).toMatchObject({
      budget_cents: 120000,
      guests: 80,
      website: "",
      form_token: "sealed",
      locale: "en",
    });
  });
});
