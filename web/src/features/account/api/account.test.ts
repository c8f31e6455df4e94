import { describe, expect, it } from "vitest";
import { describeUserAgent } from "./account";

describe("describeUserAgent", () => {
  it("names common browsers and systems", () => {
    expect(
      describeUserAgent(
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
      ),
    ).toBe("Chrome · Linux");
    expect(
      describeUserAgent(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile Safari/604.1",
      ),
    ).toBe("Safari · iOS");
    expect(describeUserAgent("Mozilla/5.0 (Windows NT 10.0; rv:128.0) Gecko Firefox/128.0")).toBe(
      "Firefox · Windows",
    );
    expect(describeUserAgent("")).toBe("—");
    expect(describeUserAgent("curl/8.5.0")).toBe("curl");
  });
});
