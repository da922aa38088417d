import type { ApiTokenCreated as ApiTokenCreatedSchema, ApiTokenInput as ApiTokenInputSchema } from '@cd/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Infer } from '../../../lib/schema-types';
import { tokensQueryOptions } from './get-tokens';

export type ApiTokenCreated = Infer<typeof ApiTokenCreatedSchema>;
export type ApiTokenInput = { label: string; days?: Infer<typeof ApiTokenInputSchema>['days'] };

export const createToken = (body: ApiTokenInput) => apiRequest<ApiTokenCreated>('/tokens', { method: 'POST', body });

export function useCreateToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createToken,
    onSuccess: () => void qc.invalidateQueries({ queryKey: tokensQueryOptions().queryKey }),
  });
}
