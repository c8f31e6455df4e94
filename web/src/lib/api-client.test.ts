import { afterEach, describe, expect, it, vi } from "vitest";
import * as z from "zod/mini";
import { ApiError, apiRequest } from "./api-client";

function respond(status: number, body: unknown) {
  return vi.fn().mockResolvedValue(
    new Response(typeof body === "string" ? body : JSON.stringify(body), {
      status,
      headers: { "Content-Type": "application/json" },
    }),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  document.cookie = "planify_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT";
});

const schema = z.object({ needed: z.boolean() });

describe("apiRequest", () => {
  it("returns the validated body", async () => {
    vi.stubGlobal("fetch", respond(200, { needed: true }));
    await expect(apiRequest("/api/v1/setup", schema)).resolves.toEqual({ needed: true });
  });

  it("turns the server's error shape into an ApiError with field errors", async () => {
    vi.stubGlobal(
      "fetch",
      respond(422, {
        error: {
          code: "VALIDATION",
          message: "La requête contient des champs invalides.",
          fields: [{ field: "owner_email", message: "Adresse e-mail invalide." }],
        },
      }),
    );
    const error = await apiRequest("/api/v1/setup", schema, { method: "POST", body: {} }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(422);
    expect(error.code).toBe("VALIDATION");
    expect(error.fieldMap()).toEqual({ owner_email: "Adresse e-mail invalide." });
  });

  it("reports an answer that does not match the schema", async () => {
    vi.stubGlobal("fetch", respond(200, { needed: "yes" }));
    const error = await apiRequest("/api/v1/setup", schema).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe("INVALID_RESPONSE");
  });

  it("reports a non-JSON error page", async () => {
    vi.stubGlobal("fetch", respond(502, "<html>Bad gateway</html>"));
    const error = await apiRequest("/api/v1/setup", schema).catch((e) => e);
    expect(error.status).toBe(502);
    expect(error.code).toBe("INVALID_RESPONSE");
  });

  it("reports a network failure", async () => {
    vi.stubGlobal("fetch", vi.fn().mockRejectedValue(new TypeError("Failed to fetch")));
    const error = await apiRequest("/api/v1/setup", schema).catch((e) => e);
    expect(error.code).toBe("NETWORK");
  });

  it("sends JSON and the CSRF token on writes, not on reads", async () => {
    document.cookie = "planify_csrf=tok%2Fen";
    const fetchMock = respond(200, { needed: false });
    vi.stubGlobal("fetch", fetchMock);
    await apiRequest("/api/v1/setup", schema, { method: "POST", body: { a: 1 } });
    const [, init] = fetchMock.mock.calls[0]!;
    expect(init.headers["X-CSRF-Token"]).toBe("tok/en");
    expect(init.headers["Content-Type"]).toBe("application/json");
    expect(init.body).toBe('{"a":1}');

    const readMock = respond(200, { needed: false });
    vi.stubGlobal("fetch", readMock);
    await apiRequest("/api/v1/setup", schema);
    expect(readMock.mock.calls[0]![1].headers["X-CSRF-Token"]).toBeUndefined();
  });
});
