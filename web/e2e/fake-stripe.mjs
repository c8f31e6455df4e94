// A stand-in for api.stripe.com and Stripe's hosted checkout page, for the end-to-end suite,
// over real HTTP (the C++ suites have their own, server/tests/support/fake_stripe.cpp). It checks
// the secret key and the Idempotency-Key like Stripe, creates Checkout Sessions, and serves a
// checkout page whose "Payer" button does what Stripe does: it sends the signed webhooks
// (t=…,v1=HMAC-SHA256) to the address the test configured, then redirects to success_url.
//
//   node e2e/fake-stripe.mjs          listens on PLANIFY_FAKE_STRIPE_PORT (18091)
//   POST /__config {"webhook_url", "webhook_secret", "planify_url"}   set by the test
import { createHmac } from "node:crypto";
import { createServer } from "node:http";

const port = Number(process.env.PLANIFY_FAKE_STRIPE_PORT ?? 18091);
const base = `http://127.0.0.1:${port}`;
const FAKE_STRIPE_KEY = "sk_test_51PlanifyEndToEnd00000000004242";

const sessions = new Map();
const answers = new Map();
let config = { webhook_url: "", webhook_secret: "", planify_url: "" };
let counter = 0;

function send(res, status, body, type = "application/json") {
  res.writeHead(status, { "Content-Type": type });
  res.end(type === "application/json" ? JSON.stringify(body) : body);
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

function escapeHtml(text) {
  return String(text).replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c],
  );
}

// Stripe signs with its own clock; the Planify server under test runs on a pinned clock, so the
// signature's time is the server's (read from its Date header), as a real deployment's would be.
async function serverNow() {
  const response = await fetch(`${config.planify_url}/healthz`);
  const date = response.headers.get("date");
  return Math.floor((date ? Date.parse(date) : Date.now()) / 1000);
}

async function deliver(event) {
  const body = JSON.stringify(event);
  const t = await serverNow();
  const v1 = createHmac("sha256", config.webhook_secret).update(`${t}.${body}`).digest("hex");
  const response = await fetch(config.webhook_url, {
    method: "POST",
    headers: { "Content-Type": "application/json", "Stripe-Signature": `t=${t},v1=${v1}` },
    body,
  });
  if (!response.ok) throw new Error(`webhook refused: ${response.status} ${await response.text()}`);
  return t;
}

async function pay(session) {
  const created = await serverNow();
  const object = {
    object: "checkout.session",
    id: session.id,
    payment_intent: session.payment_intent,
    payment_status: "paid",
    amount_total: session.amount,
    currency: session.currency,
    payment_method_types: ["card"],
    metadata: session.metadata,
  };
  // Stripe sends both, in no promised order: the PaymentIntent first here.
  await deliver({
    id: `evt_pi_${session.id}`,
    object: "event",
    type: "payment_intent.succeeded",
    created,
    livemode: false,
    data: {
      object: {
        object: "payment_intent",
        id: session.payment_intent,
        amount: session.amount,
        amount_received: session.amount,
        currency: session.currency,
        payment_method_types: ["card"],
        metadata: session.intent_metadata,
      },
    },
  });
  await deliver({
    id: `evt_cs_${session.id}`,
    object: "event",
    type: "checkout.session.completed",
    created,
    livemode: false,
    data: { object },
  });
}

function checkoutPage(session) {
  const amount = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" }).format(
    session.amount / 100,
  );
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Paiement — Stripe (test)</title></head>
<body style="font-family:sans-serif;max-width:420px;margin:40px auto;padding:0 16px">
<main><h1>Paiement sécurisé (test)</h1><p>${escapeHtml(session.product)}</p>
<p>Montant : <strong>${escapeHtml(amount)}</strong></p>
<form method="post" action="/pay/${session.id}"><label>Carte <input name="card" value="4242 4242 4242 4242"></label>
<p><button type="submit">Payer ${escapeHtml(amount)}</button></p></form>
<p><a href="${escapeHtml(session.cancel_url)}">Annuler</a></p></main></body></html>`;
}

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? "/", base);
    if (url.pathname === "/healthz") return send(res, 200, { ok: true });
    if (url.pathname === "/__config" && req.method === "POST") {
      config = { ...config, ...JSON.parse(await readBody(req)) };
      return send(res, 200, { ok: true });
    }
    const pageMatch = /^\/pay\/(cs_test_\d+)$/.exec(url.pathname);
    if (pageMatch) {
      const session = sessions.get(pageMatch[1]);
      if (!session) return send(res, 404, "Session inconnue", "text/plain; charset=utf-8");
      if (req.method === "GET")
        return send(res, 200, checkoutPage(session), "text/html; charset=utf-8");
      await readBody(req);
      await pay(session);
      res.writeHead(303, { Location: session.success_url });
      return res.end();
    }
    if (req.headers.authorization !== `Bearer ${FAKE_STRIPE_KEY}`) {
      return send(res, 401, { error: { message: "Invalid API Key provided: sk_test_****0000" } });
    }
    if (req.method === "GET" && url.pathname === "/v1/checkout/sessions") {
      return send(res, 200, { object: "list", data: [], has_more: false });
    }
    if (req.method === "GET" && url.pathname === "/v1/account") {
      return send(res, 200, { id: "acct_e2e", business_profile: { name: "Sono Lumière (test)" } });
    }
    if (req.method !== "POST")
      return send(res, 404, { error: { message: "Unrecognized request URL" } });
    const key = req.headers["idempotency-key"];
    if (!key) return send(res, 400, { error: { message: "Idempotency-Key required" } });
    if (answers.has(key)) return send(res, 200, answers.get(key));
    const form = new URLSearchParams(await readBody(req));
    let answer;
    if (url.pathname === "/v1/checkout/sessions") {
      counter += 1;
      const metadata = {};
      const intent_metadata = {};
      for (const [name, value] of form) {
        const m = /^metadata\[(.+)\]$/.exec(name);
        if (m) metadata[m[1]] = value;
        const im = /^payment_intent_data\[metadata\]\[(.+)\]$/.exec(name);
        if (im) intent_metadata[im[1]] = value;
      }
      const session = {
        id: `cs_test_${counter}`,
        payment_intent: `pi_test_${counter}`,
        amount: Number(form.get("line_items[0][price_data][unit_amount]")),
        currency: form.get("line_items[0][price_data][currency]"),
        product: form.get("line_items[0][price_data][product_data][name]"),
        success_url: form.get("success_url"),
        cancel_url: form.get("cancel_url"),
        metadata,
        intent_metadata,
      };
      sessions.set(session.id, session);
      answer = {
        id: session.id,
        object: "checkout.session",
        url: `${base}/pay/${session.id}`,
        payment_intent: null,
        expires_at: Math.floor(Date.now() / 1000) + 86400,
      };
    } else if (url.pathname === "/v1/refunds") {
      counter += 1;
      answer = { id: `re_test_${counter}`, object: "refund", status: "pending" };
    } else {
      return send(res, 404, { error: { message: "Unrecognized request URL" } });
    }
    answers.set(key, answer);
    return send(res, 200, answer);
  } catch (error) {
    send(res, 500, { error: { message: String(error) } });
  }
});

server.listen(port, "127.0.0.1");
