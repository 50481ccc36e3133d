/**
 * A FEEL or template change as one inline text: removed runs struck through
 * in red, added runs underlined in green, in monospace. Screen readers hear
 * "removed …" / "added …" since colour and strike-through are not read out.
 */
import type { TextPart } from './text-diff.js';

export function TextDiffView({ parts }: { parts: readonly TextPart[] }) {
  return (
    <pre className="vd-text-diff" data-testid="feel-diff">
      {parts.map((part, i) => {
        const key = `${i}-${part.kind}`;
        if (part.kind === 'same') return <span key={key}>{part.text}</span>;
        const Tag = part.kind === 'removed' ? 'del' : 'ins';
        return (
          <Tag key={key} className={`vd-text-${part.kind}`}>
            <span className="visually-hidden">{part.kind === 'removed' ? ' removed: ' : ' added: '}</span>
            {part.text}
          </Tag>
        );
      })}
    </pre>
  );
}
