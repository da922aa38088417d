import { createContext, useCallback, useContext } from 'react';

/** OIN → organisation name, filled by the app once the Afnemers are loaded. */
export const AfnemerNamesContext = createContext<ReadonlyMap<string, string>>(new Map());

/** A function giving the name of an Afnemer by OIN (the OIN itself while names are loading). */
export function useAfnemerName(): (oin: string) => string {
  const names = useContext(AfnemerNamesContext);
  return useCallback((oin: string) => names.get(oin) ?? oin, [names]);
}
