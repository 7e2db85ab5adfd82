/** Query keys several features share: the dashboard is refetched by linking and by budgets too. */
export const dashboardKey = ['dashboard'] as const;
