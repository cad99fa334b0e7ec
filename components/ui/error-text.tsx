/** A form's or panel's error, announced to screen readers; renders nothing without one. */
export function ErrorText({ message, id }: { message: string | null | undefined; id?: string }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="text-sm text-red-700">
      {message}
    </p>
  );
}
