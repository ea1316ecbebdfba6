export const value = 'fixture';
