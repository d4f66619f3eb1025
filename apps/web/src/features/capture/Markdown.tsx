import ReactMarkdown from "react-markdown";

// The same subset the server keeps (it already reduced everything else to text); no raw HTML ever.
const ALLOWED = ["p", "em", "strong", "code", "ul", "ol", "li", "br", "a"];

export function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown
        allowedElements={ALLOWED}
        unwrapDisallowed
        skipHtml
        components={{
          a: ({ href, children }) => (
            <a href={href} rel="noopener noreferrer nofollow" target="_blank">
              {children}
            </a>
          ),
        }}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
}
