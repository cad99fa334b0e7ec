/** Says plainly that models are simulated: shown wherever runs happen without an API key. */
export function SimulatorBadge({ simulated }: { simulated: boolean }) {
  if (!simulated) return null;
  return (
    <span
      className="inline-flex items-center gap-1.5 rounded-full border border-amber-300 bg-amber-50 px-2.5 py-0.5 text-xs font-medium text-amber-800"
      title="No OPENAI_API_KEY is set: runs use Tierflow's built-in model simulator, with real token counts and tier prices."
    >
      <span aria-hidden className="size-1.5 rounded-full bg-amber-500" />
      Simulated models
    </span>
  );
}
