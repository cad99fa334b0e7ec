"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False in the server's HTML, true once React runs in the browser. Controls whose handler
 * is JavaScript stay disabled until then, so an early click is not lost (or, for a form,
 * submitted natively as a GET that puts a password in the address bar).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
