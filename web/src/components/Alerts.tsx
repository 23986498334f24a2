// What a form says after a request: a refusal (announced at once to screen
// readers) or a confirmation (announced politely). Nothing when there is none.
export function FormError(props: { text: string | null }) {
  if (!props.text) return null;
  return (
    <p class="form-error" role="alert">
      {props.text}
    </p>
  );
}

export function Notice(props: { text: string | null }) {
  if (!props.text) return null;
  return (
    <p class="notice" role="status">
      {props.text}
    </p>
  );
}
