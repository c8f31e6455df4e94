// Motion is short and purposeful, and off when the system asks for reduced motion.
// GSAP loads on the first navigation, not with the first page: the first screen neither waits
// for nor downloads animation code.

type Gsap = typeof import("gsap").gsap;
let gsapInstance: Gsap | null = null;
let loading: Promise<Gsap> | null = null;

function loadGsap(): Promise<Gsap> {
  loading ??= import("gsap").then((module) => (gsapInstance = module.gsap));
  return loading;
}

export function prefersReducedMotion(): boolean {
  return typeof matchMedia === "function" && matchMedia("(prefers-reduced-motion: reduce)").matches;
}

/** Fades and lifts an element in (route changes, dialogs). The first call only loads GSAP. */
export function enter(element: Element | null, options: { y?: number; scale?: number } = {}) {
  if (!element || prefersReducedMotion()) return;
  if (!gsapInstance) {
    void loadGsap();
    return;
  }
  gsapInstance.fromTo(
    element,
    { autoAlpha: 0, y: options.y ?? 6, scale: options.scale ?? 1 },
    // Clear only what was animated: "all" would also wipe inline styles other code set on the
    // element (Radix puts `pointer-events: auto` on an open dialog; losing it made dialogs
    // unclickable after the first navigation).
    {
      autoAlpha: 1,
      y: 0,
      scale: 1,
      duration: 0.2,
      ease: "power2.out",
      clearProps: "opacity,visibility,transform",
    },
  );
}

/** Staggers the direct children of a list in (once GSAP is loaded). */
export function staggerChildren(container: Element | null) {
  if (!container || !gsapInstance || prefersReducedMotion()) return;
  const items = Array.from(container.children);
  if (items.length === 0) return;
  gsapInstance.fromTo(
    items,
    { autoAlpha: 0, y: 8 },
    {
      autoAlpha: 1,
      y: 0,
      duration: 0.22,
      ease: "power2.out",
      stagger: 0.04,
      clearProps: "opacity,visibility,transform",
    },
  );
}
