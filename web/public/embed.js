/*
 * Planify — the booking form on your own website.
 *   <div data-planify-booking="https://planify.example.fr/reserver/mon-entreprise"></div>
 *   <script src="https://planify.example.fr/embed.js" async></script>
 * Replaces each marked element with the form in a frame that grows with its content. Your site
 * must be listed in Planify (Paramètres → Réservation) to be allowed to frame it.
 */
(function () {
  var frames = [];
  document.querySelectorAll("[data-planify-booking]").forEach(function (el) {
    var url = new URL(el.getAttribute("data-planify-booking"), document.baseURI);
    url.pathname = url.pathname.replace(/\/$/, "") + "/embed";
    var frame = document.createElement("iframe");
    frame.src = url.toString();
    frame.title = el.getAttribute("data-title") || "Réservation";
    frame.loading = "lazy";
    frame.style.cssText = "width:100%;border:0;min-height:640px;display:block";
    el.replaceWith(frame);
    frames.push({ frame: frame, origin: url.origin });
  });
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.type !== "planify:booking-height") return;
    frames.forEach(function (f) {
      if (event.origin === f.origin && event.source === f.frame.contentWindow) {
        f.frame.style.height = Math.max(320, Number(data.height) || 0) + "px";
      }
    });
  });
})();
