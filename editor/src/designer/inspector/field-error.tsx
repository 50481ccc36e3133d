/** Inline error text under a form field; renders nothing when there is nothing to say. */
export function FieldError({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <div className="field-error" role="alert">
      {messages.join(' ')}
    </div>
  );
}
