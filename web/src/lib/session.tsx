import type { CurrentUser } from '@cd/shared';
import { createContext, useContext } from 'react';

export const CurrentUserContext = createContext<CurrentUser | null>(null);

/** The signed-in user; only used below the sign-in gate, where there always is one. */
export function useCurrentUser(): CurrentUser {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser outside the signed-in app');
  return user;
}
