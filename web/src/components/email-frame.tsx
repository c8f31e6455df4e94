/**
 * An e-mail's HTML, isolated: a sandboxed frame with no scripts, no same-origin access and no
 * navigation, so a message can never act on the app.
 */
export function EmailFrame({ html, title }: { html: string; title: string }) {
  return (
    <iframe
      title={title}
      sandbox=""
      srcDoc={html}
      className="h-[28rem] w-full rounded-lg border bg-white"
    />
  );
}
