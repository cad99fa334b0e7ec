import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "./markdown";

const render = (text: string) => renderToStaticMarkup(createElement(Markdown, { text }));

describe("Markdown", () => {
  it("renders Markdown structure", () => {
    const html = render("# Findings\n\n- **one**\n- two\n\n`code`");
    expect(html).toContain("<h1>Findings</h1>");
    expect(html).toContain("<li><strong>one</strong></li>");
    expect(html).toContain("<code>code</code>");
  });

  it("shows raw HTML as text: no script, no element, no event handler", () => {
    const html = render('Hello <script>window.__pwned=1</script> and <img src=x onerror="alert(1)">\n\n<iframe src="https://evil.example"></iframe>');
    expect(html).not.toMatch(/<script|<img|<iframe/);
    expect(html).toContain("&lt;script&gt;window.__pwned=1&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(html).toContain("&lt;iframe");
  });

  it("drops Markdown images and unsafe link protocols", () => {
    const html = render("![tracker](https://example.com/pixel.png) [click](javascript:alert(1)) [docs](https://example.com/docs)");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("javascript:");
    expect(html).toContain('href="https://example.com/docs"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
  });
});
