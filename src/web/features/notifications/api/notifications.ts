import { useQuery } from '@tanstack/react-query';
import { notificationsAnswer } from '../../../../shared/contracts/budgets.js';
import { api } from '../../../lib/api-client.js';

export const useNotifications = () => useQuery({ queryKey: ['notifications'], queryFn: () => api('GET', '/api/notifications', notificationsAnswer) });
