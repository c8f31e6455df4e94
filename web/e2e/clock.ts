/**
 * "Now" for the whole end-to-end suite: the server starts its clock here
 * (PLANIFY_TEST_CLOCK_START, set in playwright.config.ts) and every page's clock follows the
 * server's (fixtures.ts), so the suite gives the same result on any real date. A Friday at the
 * end of a month, on purpose: "next Wednesday" lies in the next month, so the date pickers have
 * to turn the page.
 */
export const E2E_NOW = process.env.PLANIFY_E2E_NOW ?? "2027-01-29T09:00:00Z";
