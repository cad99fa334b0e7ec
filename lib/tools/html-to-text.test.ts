import { describe, expect, it } from "vitest";
import { decodeEntities, htmlToText } from "./html-to-text";

describe("decodeEntities", () => {
  it("decodes named, accented and numeric references", () => {
    expect(decodeEntities("Fish &amp; chips &ndash; &pound;5 &copy; 2024")).toBe("Fish & chips – £5 © 2024");
    expect(decodeEntities("na&iuml;ve &Uuml;ber gar&ccedil;on")).toBe("naïve Über garçon");
    expect(decodeEntities("&#169; &#x1F600; &#X41;")).toBe("© 😀 A");
  });

  it("leaves text that only looks like an entity alone", () => {
    expect(decodeEntities("AT&T")).toBe("AT&T");
    expect(decodeEntities("?a=1&b=2")).toBe("?a=1&b=2");
    expect(decodeEntities("&unknownname;")).toBe("&unknownname;");
    expect(decodeEntities("&constructor;")).toBe("&constructor;");
  });

  it("replaces invalid code points instead of throwing", () => {
    expect(decodeEntities("&#xD800; &#99999999;")).toBe("\uFFFD \uFFFD");
  });
});

describe("htmlToText", () => {
  it("keeps the title apart and drops non-prose elements", () => {
    const page = htmlToText(
      "<html><head><title> Quarterly\n report </title><meta name=x><style>p{}</style></head>" +
        "<body><script>alert(1)</script><template><p>hidden</p></template><svg><text>logo</text></svg>" +
        "<p>Revenue grew <b>12%</b>.</p></body></html>",
    );
    expect(page.title).toBe("Quarterly report");
    expect(page.text).toBe("Revenue grew 12% .");
  });

  it("keeps paragraph breaks, list items and table rows readable", () => {
    const { text } = htmlToText(
      "<h2>Plans</h2><p>Pick one:</p><ul><li>Basic</li><li>Pro</li></ul>" +
        "<table><tr><th>Plan</th><th>Price</th></tr><tr><td>Basic</td><td>$5</td></tr></table>",
    );
    expect(text).toBe("Plans\n\nPick one:\n\n- Basic\n- Pro\n\nPlan | Price\nBasic | $5");
  });

  it("drops the rest of a page cut off inside a script", () => {
    const { text } = htmlToText("<p>Intro</p><script>var a = '<p>not text</p>';");
    expect(text).toBe("Intro");
  });

  it("has no title when the page has none", () => {
    expect(htmlToText("<p>Hi</p>").title).toBeUndefined();
  });
});
