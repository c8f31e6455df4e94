// A stand-in for Google's OAuth consent and token endpoints and the Calendar API v3, for the
// end-to-end suite, over real HTTP (the C++ suites have theirs, server/tests/support/
// fake_google.cpp). The consent page consents at once for the login_hint account with the
// scopes asked; tokens are checked on every call; events keep etags; free/busy answers what the
// test set.
//
//   node e2e/fake-google.mjs          listens on PLANIFY_FAKE_GOOGLE_PORT (18092)
//   GET  /__events?calendar=primary   the calendar's events, deleted ones flagged
//   POST /__revoke {"account"}        the member removes Planify in their Google account
//   POST /__busy {"calendar","busy"}  free/busy periods of a calendar
import { createServer } from "node:http";

const port = Number(process.env.PLANIFY_FAKE_GOOGLE_PORT ?? 18092);
const CLIENT_ID = "planify-e2e.apps.googleusercontent.com";
const CLIENT_SECRET = "fake-google-e2e-secret";

const codes = new Map(); // code → {account, scope}
const refresh = new Map(); // refresh token → {account, scope}
const access = new Map(); // access token → account
const revoked = new Set(); // accounts that removed Planify
const calendars = new Map(); // calendar id → Map(event id → {body, etag, deleted})
const busy = new Map(); // calendar id → [{start, end}]
let counter = 0;

function send(res, status, body, headers = {}) {
  res.writeHead(status, { "Content-Type": "application/json", ...headers });
  res.end(body === undefined ? "" : JSON.stringify(body));
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

const b64url = (text) => Buffer.from(text).toString("base64url");

function accountOf(req) {
  const header = req.headers.authorization ?? "";
  if (!header.startsWith("Bearer ")) return "";
  const account = access.get(header.slice(7));
  return account && !revoked.has(account) ? account : "";
}

function calendar(id) {
  if (!calendars.has(id)) calendars.set(id, new Map());
  return calendars.get(id);
}

async function handle(req, res) {
  const url = new URL(req.url, `http://127.0.0.1:${port}`);
  const path = url.pathname;
  if (path === "/healthz") return send(res, 200, { ok: true });
  if (path === "/__events") {
    const events = [...calendar(url.searchParams.get("calendar") ?? "primary").entries()].map(
      ([id, e]) => ({ id, ...e.body, deleted: e.deleted }),
    );
    return send(res, 200, { items: events });
  }
  if (path === "/__revoke" && req.method === "POST") {
    revoked.add(JSON.parse(await readBody(req)).account);
    return send(res, 200, {});
  }
  if (path === "/__busy" && req.method === "POST") {
    const body = JSON.parse(await readBody(req));
    busy.set(body.calendar, body.busy);
    return send(res, 200, {});
  }
  if (path === "/auth") {
    const q = url.searchParams;
    if (q.get("client_id") !== CLIENT_ID || q.get("code_challenge_method") !== "S256") {
      return send(res, 400, { error: "invalid_request" });
    }
    const account = q.get("login_hint") || "member@gmail.example";
    const code = `code-${++counter}`;
    codes.set(code, { account, scope: q.get("scope") ?? "" });
    revoked.delete(account);
    const back = new URL(q.get("redirect_uri"));
    back.searchParams.set("code", code);
    back.searchParams.set("state", q.get("state") ?? "");
    res.writeHead(302, { Location: back.toString() });
    return res.end();
  }
  if (path === "/token" && req.method === "POST") {
    const form = new URLSearchParams(await readBody(req));
    if (form.get("client_id") !== CLIENT_ID || form.get("client_secret") !== CLIENT_SECRET) {
      return send(res, 401, { error: "invalid_client" });
    }
    let grant;
    let newRefresh = "";
    if (form.get("grant_type") === "authorization_code") {
      grant = codes.get(form.get("code"));
      if (!grant || !form.get("code_verifier")) return send(res, 400, { error: "invalid_grant" });
      codes.delete(form.get("code"));
      newRefresh = `refresh-${++counter}`;
      refresh.set(newRefresh, grant);
    } else if (form.get("grant_type") === "refresh_token") {
      grant = refresh.get(form.get("refresh_token"));
      if (!grant || revoked.has(grant.account)) return send(res, 400, { error: "invalid_grant" });
    } else {
      return send(res, 400, { error: "unsupported_grant_type" });
    }
    const token = `access-${++counter}`;
    access.set(token, grant.account);
    const answer = {
      access_token: token,
      expires_in: 3599,
      token_type: "Bearer",
      scope: grant.scope.replace(/(^| )(openid|email)(?= |$)/g, "").trim(),
    };
    if (newRefresh) {
      answer.refresh_token = newRefresh;
      answer.id_token = [
        b64url(JSON.stringify({ alg: "RS256", kid: "fake" })),
        b64url(JSON.stringify({ aud: CLIENT_ID, email: grant.account, sub: grant.account })),
        "c2ln",
      ].join(".");
    }
    return send(res, 200, answer);
  }
  if (path === "/revoke" && req.method === "POST") {
    const grant = refresh.get(new URLSearchParams(await readBody(req)).get("token"));
    if (!grant) return send(res, 400, { error: "invalid_token" });
    revoked.add(grant.account);
    return send(res, 200, {});
  }

  const account = accountOf(req);
  if (!account) return send(res, 401, { error: { code: 401, message: "Invalid Credentials" } });
  if (path === "/calendar/v3/freeBusy" && req.method === "POST") {
    const body = JSON.parse(await readBody(req));
    const out = {};
    for (const item of body.items ?? []) out[item.id] = { busy: busy.get(item.id) ?? [] };
    return send(res, 200, { kind: "calendar#freeBusy", calendars: out });
  }
  const m = /^\/calendar\/v3\/calendars\/([^/]+)\/events(?:\/([^/]+))?$/.exec(path);
  if (!m) return send(res, 404, { error: "not found" });
  const events = calendar(decodeURIComponent(m[1]));
  const id = m[2] ? decodeURIComponent(m[2]) : "";
  const etag = () => `"${++counter}"`;
  if (!id && req.method === "GET") return send(res, 200, { kind: "calendar#events", items: [] });
  if (!id && req.method === "POST") {
    const body = JSON.parse(await readBody(req));
    if (events.has(body.id)) {
      return send(res, 409, {
        error: { code: 409, message: "The requested identifier already exists." },
      });
    }
    const event = { body, etag: etag(), deleted: false };
    events.set(body.id, event);
    return send(res, 200, { ...body, etag: event.etag });
  }
  const event = events.get(id);
  if (!event) return send(res, 404, { error: { code: 404, message: "Not Found" } });
  if (event.deleted)
    return send(res, 410, { error: { code: 410, message: "Resource has been deleted" } });
  if (req.method === "PUT") {
    event.body = { ...JSON.parse(await readBody(req)), id };
    event.etag = etag();
    return send(res, 200, { ...event.body, etag: event.etag });
  }
  if (req.method === "DELETE") {
    event.deleted = true;
    res.writeHead(204);
    return res.end();
  }
  return send(res, 405, { error: "method" });
}

createServer((req, res) => {
  handle(req, res).catch((error) => send(res, 500, { error: String(error) }));
}).listen(port, "127.0.0.1");
