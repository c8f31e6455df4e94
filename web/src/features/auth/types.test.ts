import { describe, expect, it } from "vitest";
import { sessionSchema } from "./types";

const answer = (organization: Record<string, unknown>) => ({
  user: { id: 1, email: "lea@example.fr", display_name: "Léa", locale: "fr" },
  organization: { id: 1, name: "Sono Pro", slug: "sono-pro", ...organization },
  role: "owner",
  permissions: [],
  memberships: [],
  csrf_token: "token",
});

describe("session", () => {
  it("carries the organisation's word for missions", () => {
    const session = sessionSchema.parse(answer({ terminology: "evenements" }));
    expect(session.organization?.terminology).toBe("evenements");
  });

  it("still reads an older server's answer, without the word", () => {
    expect(sessionSchema.parse(answer({})).organization?.terminology).toBeUndefined();
  });
});
